package io.postflow.frameio;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Frame.io share: a review link to some assets of a project. {@code toString()} masks the
 * passphrase. Immutable.
 */
@Value.Immutable
public abstract class Share {
  /** The share's UUID. */
  public abstract String id();

  /** Its name, e.g. {@code SC03 BUS - FIN DE JOURNEE review}. */
  public abstract String name();

  /** The link to send, e.g. {@code https://f.io/GGa9wPw5}. */
  public abstract Optional<URI> shortUrl();

  /** {@code public} (anyone with the link) or {@code secure} (passphrase or invited reviewers). */
  public abstract String access();

  /** Whether the link works. */
  public abstract boolean enabled();

  /** When the link stops working, if ever. */
  public abstract Optional<Instant> expiration();

  /** The passphrase of a secure share, when the service returns it. */
  @Value.Redacted
  public abstract Optional<String> passphrase();

  public abstract Optional<Instant> createdAt();
}
