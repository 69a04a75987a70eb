package io.postflow.api;

/**
 * No valid credentials could be obtained or the service refused them. The message says what the
 * user must do (log in again, ask an administrator to link the Frame.io user to an Adobe ID, request
 * another scope); {@link #remedy()} holds that advice on its own.
 */
public class AuthenticationException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String remedy;

  public AuthenticationException(String message, String remedy, Throwable cause) {
    super(remedy == null || remedy.isEmpty() ? message : message + ". " + remedy, cause);
    this.remedy = remedy == null ? "" : remedy;
  }

  /** What the user should do about it, e.g. "Run the OAuth login example again"; may be empty. */
  public String remedy() {
    return remedy;
  }
}
