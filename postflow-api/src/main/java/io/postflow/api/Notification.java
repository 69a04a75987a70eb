package io.postflow.api;

import java.util.Optional;
import org.immutables.value.Value;

/** Something the team should hear about: a version delivered, a render set aside, a failure. */
@Value.Immutable
public abstract class Notification {
  /** What happened. */
  public enum Kind {
    /** A version is on Frame.io, ready for review. */
    DELIVERED,
    /** A render's name or shot is unknown; someone must rename it or fix the shot list. */
    QUARANTINED,
    /** A render could not be delivered. */
    FAILED
  }

  public abstract Kind kind();

  public abstract Delivery delivery();

  /** The shot, when it is known. */
  public abstract Optional<Shot> shot();

  /** One line a person can read, e.g. {@code UNDLM_00042 v2 is on Frame.io (WIP_BYSHOT/...)}. */
  public abstract String message();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Notification}. */
  public static final class Builder extends ImmutableNotification.Builder {}
}
