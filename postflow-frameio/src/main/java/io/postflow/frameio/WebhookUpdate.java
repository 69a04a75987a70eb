package io.postflow.frameio;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What to change on a webhook; absent settings stay as they are. Immutable. */
@Value.Immutable
public abstract class WebhookUpdate {
  /** A new name. */
  public abstract Optional<String> name();

  /** A new delivery URL. */
  public abstract Optional<String> url();

  /** Replaces the whole list when present. */
  public abstract Optional<List<String>> events();

  /** Switches delivery on or off. */
  public abstract Optional<Boolean> active();

  /** A builder with nothing to change yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link WebhookUpdate}. */
  public static final class Builder extends ImmutableWebhookUpdate.Builder {}
}
