package io.postflow.frameio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A webhook of a workspace. {@link #secret()} is present only on the answer to a create: store it
 * then, the service never shows it again. {@code toString()} masks it. Immutable.
 */
@Value.Immutable
public abstract class Webhook {
  /** The webhook's UUID. */
  public abstract String id();

  /** The name it was given. */
  public abstract String name();

  /** Where Frame.io posts the events. */
  public abstract String url();

  /** Event types, e.g. {@code file.ready}. */
  public abstract List<String> events();

  /** Whether Frame.io currently delivers to it. */
  public abstract Optional<Boolean> active();

  /** The workspace whose events it receives. */
  public abstract Optional<String> workspaceId();

  /** The signing secret, present only right after creation. */
  @Value.Redacted
  public abstract Optional<String> secret();

  /** When it was created. */
  public abstract Optional<Instant> createdAt();
}
