package io.postflow.api;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a service's {@code {"errors":[...]}} body, as Frame.io returns it:
 * {@code {"title": "...", "detail": "...", "source": {"pointer": "/data/name"}}}.
 */
@Value.Immutable
public abstract class ServiceError {
  /** A short summary such as {@code "Invalid value"}; may be empty. */
  public abstract Optional<String> title();

  /** The human-readable explanation; may be empty. */
  public abstract Optional<String> detail();

  /** A JSON pointer to the offending field of the request, such as {@code /data/name}. */
  public abstract Optional<String> sourcePointer();

  public static ServiceError of(String title, String detail, String sourcePointer) {
    return ImmutableServiceError.builder()
        .title(Optional.ofNullable(title))
        .detail(Optional.ofNullable(detail))
        .sourcePointer(Optional.ofNullable(sourcePointer))
        .build();
  }

  /** One line, e.g. {@code Invalid value: name is too long (at /data/name)}. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder();
    title().ifPresent(line::append);
    detail().ifPresent(d -> line.append(line.length() > 0 ? ": " : "").append(d));
    sourcePointer().ifPresent(p -> line.append(" (at ").append(p).append(')'));
    return line.toString();
  }
}
