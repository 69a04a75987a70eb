package io.postflow.api;

/**
 * A builder or configuration was given something it cannot work with. Thrown at start-up, never
 * at the first file, and the message names the setting: {@code "'partConcurrency' must be between 1
 * and 64, was 0"}.
 */
public class ConfigurationException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
