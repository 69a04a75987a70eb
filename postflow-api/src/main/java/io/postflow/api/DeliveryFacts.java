package io.postflow.api;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What has become true of a delivery so far. Each fact is recorded in the {@link DeliveryJournal}
 * the moment it becomes true, so that a worker that takes over after a crash starts from the last
 * fact instead of from the beginning: a folder is not ensured twice, a confirmed file is not
 * uploaded again, a stacked file is not stacked again.
 *
 * <p>Facts only accumulate: {@link #merge} keeps every fact of {@code this} that {@code newer}
 * does not replace.
 */
@Value.Immutable
public abstract class DeliveryFacts {
  /** The shot's nomenclature read from the file name, e.g. {@code UNDLM_00042}. */
  public abstract Optional<String> shot();

  /** The version number read from the file name, e.g. 2 for {@code _v002}. */
  public abstract Optional<Integer> version();

  /** The Frame.io folder path the file goes to, e.g. {@code WIP_BYSHOT/SC03_BUS/UNDLM_00042}. */
  public abstract Optional<String> folderPath();

  /** The id of that folder. */
  public abstract Optional<String> folderId();

  /**
   * When the last upload attempt began. Present with no {@link #fileId()}: an upload may have
   * created a remote file that a crash kept from being recorded, so look before uploading again.
   */
  public abstract Optional<Instant> uploadStartedAt();

  /** The remote file the last upload attempt created, before it was confirmed. */
  public abstract Optional<String> placeholderFileId();

  /**
   * Where a multipart upload stood when last recorded, to resume its missing parts after a crash.
   * Holds presigned part URLs (secrets, hidden by its {@code toString()}); journals keep it only
   * while the delivery is in flight.
   */
  public abstract Optional<UploadCheckpoint> checkpoint();

  /** The Frame.io file, once the service confirmed all of its bytes. */
  public abstract Optional<String> fileId();

  /** Lowercase hex SHA-256 of the bytes sent (absent for an adopted file). */
  public abstract Optional<String> sha256();

  /** When the file was stacked (or found to be the shot's first version). */
  public abstract Optional<Instant> stackedAt();

  /** The version stack the file joined; absent for a shot's first version. */
  public abstract Optional<String> versionStackId();

  /** When the shot's status was written. */
  public abstract Optional<Instant> statusWrittenAt();

  /** When the team was notified. */
  public abstract Optional<Instant> notifiedAt();

  /** These facts with every fact present in {@code newer} taking the place of this one's. */
  public DeliveryFacts merge(DeliveryFacts newer) {
    Builder merged = builder().from(this);
    newer.shot().ifPresent(merged::shot);
    newer.version().ifPresent(merged::version);
    newer.folderPath().ifPresent(merged::folderPath);
    newer.folderId().ifPresent(merged::folderId);
    newer.uploadStartedAt().ifPresent(merged::uploadStartedAt);
    newer.placeholderFileId().ifPresent(merged::placeholderFileId);
    newer.checkpoint().ifPresent(merged::checkpoint);
    newer.fileId().ifPresent(merged::fileId);
    newer.sha256().ifPresent(merged::sha256);
    newer.stackedAt().ifPresent(merged::stackedAt);
    newer.versionStackId().ifPresent(merged::versionStackId);
    newer.statusWrittenAt().ifPresent(merged::statusWrittenAt);
    newer.notifiedAt().ifPresent(merged::notifiedAt);
    return merged.build();
  }

  /** No facts. */
  public static DeliveryFacts none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeliveryFacts}. */
  public static final class Builder extends ImmutableDeliveryFacts.Builder {}
}
