package io.postflow.api;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Something the team should hear about: a version delivered, a render set aside, a failure, a
 * reviewer's comment or decision, an alert.
 *
 * <p>Notifiers render the common parts (kind, message, shot, link) and show {@link #details()} as
 * label/value pairs, so a kind added later still reads well in every channel.
 */
@Value.Immutable
public abstract class Notification {
  /** What happened. */
  public enum Kind {
    /** A version is on Frame.io, ready for review. */
    DELIVERED,
    /** A render's name or shot is unknown; someone must rename it or fix the shot list. */
    QUARANTINED,
    /** A render could not be delivered. */
    FAILED,
    /** A shot moved to another status (by the pipeline, a reviewer or a person). */
    STATUS_CHANGED,
    /** A reviewer commented on a delivered version in Frame.io. */
    COMMENT_ADDED,
    /** A review link (a Frame.io share) was created for a scene. */
    REVIEW_LINK,
    /** An alert rule fired (error rate, latency, a stuck queue...). */
    ALERT
  }

  public abstract Kind kind();

  /** The delivery this is about, for the kinds that come from one (delivered, quarantined...). */
  public abstract Optional<Delivery> delivery();

  /** The shot, when it is known. */
  public abstract Optional<Shot> shot();

  /** One line a person can read, e.g. {@code UNDLM_00042 v2 is on Frame.io (WIP_BYSHOT/...)}. */
  public abstract String message();

  /** Where to look: the file, share or dashboard page, when there is one. */
  public abstract Optional<URI> link();

  /** Further facts as label/value pairs, in the order a reader should see them. */
  public abstract Map<String, String> details();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Notification}. */
  public static final class Builder extends ImmutableNotification.Builder {}
}
