package io.postflow.api;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of a shot's history: it went from one status to another, at a time, because of
 * someone or something.
 */
@Value.Immutable
public abstract class StatusChange {
  /** Who or what changes statuses. */
  public enum Source {
    /** The pipeline, e.g. {@code review_uploaded} when a version is confirmed on Frame.io. */
    PIPELINE,
    /** A reviewer in Frame.io (the review loop's custom field). */
    REVIEWER,
    /** A person, through the command line or a program of the studio. */
    PERSON
  }

  /** The shot's nomenclature, e.g. {@code UNDLM_00042}. */
  public abstract String shot();

  public abstract ShotStatus from();

  public abstract ShotStatus to();

  public abstract Instant at();

  public abstract Source source();

  /**
   * Who exactly, when known: a user name, a Frame.io user id, {@code postflow@host}; never a
   * secret.
   */
  public abstract Optional<String> actor();

  /** Why, when told: the delivered file, a note. */
  public abstract Optional<String> note();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StatusChange}. */
  public static final class Builder extends ImmutableStatusChange.Builder {}
}
