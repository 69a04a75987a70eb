package io.postflow.testkit;

import java.net.URI;

/**
 * The sandbox could not pull a {@code remote_upload} source. Its message is the reason the
 * sandbox reports with {@code upload_failed}; it names the source by scheme, host and path only,
 * never its query string (which may be a presigned signature or a capability token).
 */
final class RemoteFetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the fetch stopped; lets the sandbox and tests tell failures apart without parsing text. */
  enum Kind {
    /** The source answered an error status that did not go away (or a 4xx, which will not). */
    HTTP_STATUS,
    /** Size, ETag or Last-Modified changed between requests: the bytes would not be one file. */
    SOURCE_CHANGED,
    /** The server answered in a way HTTP does not allow (bad Content-Range, too many bytes...). */
    PROTOCOL,
    /** Connections kept dropping, stalling or ending short, more often than allowed. */
    TOO_MANY_RESUMES,
    /** Writing to the sink failed. */
    SINK,
    /** The calling thread was interrupted; its interrupt flag is set again. */
    INTERRUPTED
  }

  private final Kind kind;

  RemoteFetchException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  RemoteFetchException(Kind kind, String message) {
    this(kind, message, null);
  }

  Kind kind() {
    return kind;
  }

  /** The text the sandbox puts in its {@code upload_failed} status. */
  String reason() {
    return getMessage();
  }

  /** {@code scheme://host[:port]/path}: what may appear in a log or message about a source. */
  static String redact(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }
}
