package io.postflow.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a shot is in the production's workflow: a status name such as {@code ae_in_progress} and
 * the stage it belongs to ({@code after_effects}). A value: two statuses are equal when their
 * names, stages and (for {@link #isBlocked() blocked} ones) the status they came from are equal.
 *
 * <p>The constants are the default workflow: 11 working statuses in 5 stages (source, After
 * Effects, EbSynth, review, delivery) plus {@link #blocked(ShotStatus) blocked}, which remembers
 * the status it interrupted so that unblocking returns there. A studio with another workflow
 * defines its statuses in a workflow file ({@code io.postflow.production.workflow.Workflow}) and
 * gets them from there; {@link #of} makes one by hand.
 *
 * <p>Upload outcomes (uploading, failed) are not statuses: they are facts of the pipeline's
 * journal. The pipeline moves a shot to {@link #REVIEW_UPLOADED} when Frame.io confirms a version.
 */
public final class ShotStatus {
  /** The stage of the default workflow's first two statuses. */
  public static final String STAGE_SOURCE = "source";
  /** The stage of the After Effects statuses. */
  public static final String STAGE_AFTER_EFFECTS = "after_effects";
  /** The stage of the EbSynth statuses. */
  public static final String STAGE_EBSYNTH = "ebsynth";
  /** The stage of the review statuses. */
  public static final String STAGE_REVIEW = "review";
  /** The stage of the final delivery. */
  public static final String STAGE_DELIVERY = "delivery";
  /** The name every blocked status has, whatever it came from. */
  public static final String BLOCKED_NAME = "blocked";

  /** Nothing done yet. */
  public static final ShotStatus PENDING = of("pending", STAGE_SOURCE);
  /** The source media were checked. */
  public static final ShotStatus SOURCES_VERIFIED = of("sources_verified", STAGE_SOURCE);
  /** Ready for After Effects. */
  public static final ShotStatus AE_READY = of("ae_ready", STAGE_AFTER_EFFECTS);
  /** An artist works on it in After Effects. */
  public static final ShotStatus AE_IN_PROGRESS = of("ae_in_progress", STAGE_AFTER_EFFECTS);
  /** The After Effects work is done. */
  public static final ShotStatus AE_COMPLETED = of("ae_completed", STAGE_AFTER_EFFECTS);
  /** Ready for EbSynth. */
  public static final ShotStatus EBSYNTH_READY = of("ebsynth_ready", STAGE_EBSYNTH);
  /** EbSynth is running or being tuned. */
  public static final ShotStatus EBSYNTH_IN_PROGRESS = of("ebsynth_in_progress", STAGE_EBSYNTH);
  /** The EbSynth pass is done. */
  public static final ShotStatus EBSYNTH_COMPLETED = of("ebsynth_completed", STAGE_EBSYNTH);
  /** A version is on Frame.io, waiting for review (set by the pipeline). */
  public static final ShotStatus REVIEW_UPLOADED = of("review_uploaded", STAGE_REVIEW);
  /** A reviewer approved the version on Frame.io. */
  public static final ShotStatus REVIEW_APPROVED = of("review_approved", STAGE_REVIEW);
  /** Delivered to the edit. */
  public static final ShotStatus FINAL_DELIVERY = of("final_delivery", STAGE_DELIVERY);

  private static final List<ShotStatus> DEFAULTS = List.of(PENDING, SOURCES_VERIFIED, AE_READY,
      AE_IN_PROGRESS, AE_COMPLETED, EBSYNTH_READY, EBSYNTH_IN_PROGRESS, EBSYNTH_COMPLETED, REVIEW_UPLOADED,
      REVIEW_APPROVED, FINAL_DELIVERY);

  private final String name;
  private final String stage;
  private final ShotStatus blockedFrom;

  private ShotStatus(String name, String stage, ShotStatus blockedFrom) {
    this.name = name;
    this.stage = stage;
    this.blockedFrom = blockedFrom;
  }

  /**
   * A working status of some workflow.
   *
   * @param name lower case letters, digits and underscores, e.g. {@code color_in_progress}
   * @param stage the stage it belongs to, same characters
   * @throws IllegalArgumentException naming the argument that is not such a name, or when
   *     {@code name} is {@value #BLOCKED_NAME} (use {@link #blocked})
   */
  public static ShotStatus of(String name, String stage) {
    requireName(name, "status name");
    requireName(stage, "stage");
    if (name.equals(BLOCKED_NAME)) {
      throw new IllegalArgumentException("'blocked' is made with ShotStatus.blocked(from)");
    }
    return new ShotStatus(name, stage, null);
  }

  /**
   * The error/blocked state entered from {@code from}: its stage is {@code from}'s, and
   * {@link #blockedFrom()} remembers {@code from} so that unblocking can go back to it. Blocking
   * a blocked status keeps the original one.
   */
  public static ShotStatus blocked(ShotStatus from) {
    Objects.requireNonNull(from, "from");
    ShotStatus origin = from.isBlocked() ? from.blockedFrom : from;
    return new ShotStatus(BLOCKED_NAME, origin.stage, origin);
  }

  /** The default workflow's working statuses in order (blocked is not listed: it is any of them, blocked). */
  public static List<ShotStatus> defaults() {
    return DEFAULTS;
  }

  /**
   * The default workflow's status with this name, ignoring case; the names of PostFlow 1's enum
   * ({@code APPROVED}, and the upload outcomes {@code UPLOADING} and {@code UPLOAD_FAILED}, which
   * are journal facts now and read as {@code pending}) are accepted so that old status files and
   * code keep working.
   *
   * @throws IllegalArgumentException when no default status has that name
   */
  public static ShotStatus valueOf(String name) {
    String key = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
    switch (key) {
      case "approved":
        return REVIEW_APPROVED;
      case "uploading":
      case "upload_failed":
        return PENDING;
      default:
        for (ShotStatus status : DEFAULTS) {
          if (status.name.equals(key)) {
            return status;
          }
        }
        throw new IllegalArgumentException("no status '" + name + "' in the default workflow");
    }
  }

  /** The status name, e.g. {@code review_uploaded}; {@value #BLOCKED_NAME} for every blocked one. */
  public String name() {
    return name;
  }

  /** The stage, e.g. {@code review}; a blocked status has the stage it was blocked in. */
  public String stage() {
    return stage;
  }

  /** Whether this is the error/blocked state. */
  public boolean isBlocked() {
    return blockedFrom != null;
  }

  /** For a blocked status, the status it interrupted. */
  public Optional<ShotStatus> blockedFrom() {
    return Optional.ofNullable(blockedFrom);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShotStatus s && s.name.equals(name) && s.stage.equals(stage)
        && Objects.equals(s.blockedFrom, blockedFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, stage, blockedFrom);
  }

  /** {@code review_uploaded}, or {@code blocked (from ae_in_progress)}. */
  @Override
  public String toString() {
    return blockedFrom == null ? name : name + " (from " + blockedFrom.name + ")";
  }

  private static void requireName(String value, String what) {
    if (value == null || !value.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new IllegalArgumentException(what + " must be 1 to 64 lower case letters, digits or"
          + " underscores starting with a letter, was '" + value + "'");
    }
  }
}
