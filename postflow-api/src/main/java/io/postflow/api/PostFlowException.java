package io.postflow.api;

/**
 * The root of every exception PostFlow throws. Unchecked, like {@code java.io.UncheckedIOException}
 * and the AWS SDK's {@code SdkException}: callers catch the subtype they can act on and let the rest
 * travel.
 *
 * <p>Messages are written to be enough for a support ticket and never contain a secret: no token,
 * client secret, refresh token or presigned URL query string.
 */
public class PostFlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PostFlowException(String message) {
    super(message);
  }

  public PostFlowException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying the same operation again, unchanged, could succeed. The default is {@code false};
   * subtypes that know better say so.
   */
  public boolean isRetryable() {
    return false;
  }
}
