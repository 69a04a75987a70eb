package io.postflow.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the sandbox answered, as {@link SandboxInspector#requests()} reports it. Secrets are
 * masked: {@code Authorization}, {@code Cookie} and {@code Set-Cookie} header values, and the
 * presigned query ({@code X-Amz-Signature}, {@code X-Amz-Credential}) in {@code path}.
 *
 * @param requestId the {@code x-request-id} the sandbox answered with
 * @param at when the request arrived, on the sandbox clock
 * @param method HTTP method
 * @param path path with the query, secrets masked
 * @param operation Frame.io operation id (e.g. {@code files.create_local_upload}), {@code s3.put_part},
 *     {@code ims} or {@code unrouted}
 * @param status the status answered; 0 when the connection was reset on purpose
 * @param headers request headers (lower-case names), secrets masked
 */
public record RecordedRequest(
    String requestId,
    Instant at,
    String method,
    String path,
    String operation,
    int status,
    Map<String, List<String>> headers) {

  /** Copies the header map so the record stays immutable. */
  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a request header, or {@code null}; {@code name} is case-insensitive. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
