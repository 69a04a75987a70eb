package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.FolderPath;
import io.postflow.api.IllegalTransitionException;
import io.postflow.api.Lease;
import io.postflow.api.Notification;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.production.nomenclature.NameResult;
import io.postflow.production.nomenclature.ParsedName;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed delivery as far as it can go: name, shot, folder, upload, stack, status,
 * notification, each step skipped when the journal already holds its fact, each fact recorded
 * the moment it becomes true. How a step's failure ends the run (retry, fail, release) is
 * {@link RunFailures}'s business; how the file gets there is {@link FileTransfer}'s.
 */
final class DeliveryRun {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRun.class);

  private final EngineConfig config;
  private final Listeners listeners;
  private final DeliveryJournal journal;
  private final LeaseKeeper lease;
  private final FileTransfer transfer;
  private final Notifications notifications;

  DeliveryRun(EngineConfig config, Listeners listeners, LeaseKeeper lease, FileTransfer transfer,
      Notifications notifications) {
    this.config = config;
    this.listeners = listeners;
    this.journal = config.journal();
    this.lease = lease;
    this.transfer = transfer;
    this.notifications = notifications;
  }

  /**
   * Runs the steps that are left. Returns the delivery's state afterwards: DELIVERED, a final
   * state, or PENDING when it was postponed.
   */
  Delivery run() throws Exception {
    Delivery delivery = lease.delivery();
    FileIdentity file = delivery.file();
    NameResult name = config.nomenclature().parse(file.fileName());
    if (!name.isMatched() || name.parsed().isEmpty()) {
      return quarantine(name.reason().orElse("the name matches no pattern"));
    }
    ParsedName parsed = name.parsed().get();
    Optional<String> shotName = config.nomenclature().shotNomenclature(parsed);
    if (shotName.isEmpty()) {
      return quarantine("the name matches pattern '" + parsed.pattern() + "', which names no shot");
    }
    Optional<Shot> found = config.shots().findByNomenclature(shotName.get());
    if (found.isEmpty()) {
      return quarantine("shot " + shotName.get() + " is not in the shot list");
    }
    Shot shot = found.get();
    int version = parsed.version().orElse(0);
    DeliveryFacts facts = delivery.facts();
    if (!facts.shot().equals(shotName) || !facts.version().equals(Optional.of(version))) {
      delivery = lease.record(DeliveryFacts.builder().shot(shotName.get()).version(version).build());
    }
    listeners.onMatched(delivery, shot);

    if (delivery.facts().folderId().isEmpty()) {
      FolderPath path = config.nomenclature().folderFor(parsed, shot.scene());
      String folderId = config.structure().ensure(config.rootFolderId(), path);
      delivery = lease.record(DeliveryFacts.builder().folderPath(path.toString()).folderId(folderId).build());
      listeners.onFolderReady(delivery, path, folderId);
    }
    if (delivery.facts().fileId().isEmpty()) {
      Optional<Delivery> transferred = transfer.deliverFile(delivery, shotName.get());
      if (transferred.isEmpty()) {
        return lease.delivery(); // superseded or otherwise ended by the transfer
      }
      delivery = transferred.get();
    }
    if (delivery.facts().stackedAt().isEmpty()) {
      Optional<Delivery> stacked = stack(delivery, shotName.get(), version);
      if (stacked.isEmpty()) {
        return lease.delivery();
      }
      delivery = stacked.get();
    }
    if (delivery.facts().statusWrittenAt().isEmpty()) {
      delivery = writeStatus(delivery, shotName.get());
    }
    delivery = lease.complete();
    LOG.debug("Delivered {} as file {} ({})", file.relativePath(), delivery.facts().fileId().orElse("?"),
        delivery.facts().folderPath().orElse("?"));
    listeners.onDelivered(delivery);
    // After completing: the team is told on the channels' threads and the journal records it then
    // (a crash in between is caught up at the next start), so no upload waits for a chat service.
    if (delivery.facts().notifiedAt().isEmpty()) {
      notifications.delivered(delivery, Optional.of(shot));
    }
    return delivery;
  }

  /**
   * Stacks the file on its shot's latest delivered version, once every earlier version of the
   * shot that is still on its way has been delivered (or has ended otherwise): v003 never lands
   * under v002. Empty when it has to wait (the delivery is postponed).
   */
  private Optional<Delivery> stack(Delivery delivery, String shot, int version) {
    List<Delivery> earlier = journal.byShot(shot, EnumSet.of(DeliveryState.PENDING, DeliveryState.IN_PROGRESS))
        .stream()
        .filter(other -> other.id() != delivery.id() && other.facts().version().orElse(0) < version)
        .toList();
    if (!earlier.isEmpty()) {
      Delivery first = earlier.get(0);
      String reason = "waiting for " + first.file().fileName() + " (delivery " + first.id()
          + ") to be delivered before stacking on it";
      LOG.debug("{}: {}", delivery.file().relativePath(), reason);
      lease.postpone(config.work().stackWait(), reason);
      return Optional.empty();
    }
    String fileId = delivery.facts().fileId().orElseThrow(IllegalStateException::new);
    Optional<Delivery> previous = journal.latestDelivered(shot)
        .filter(p -> p.id() != delivery.id() && p.facts().fileId().isPresent()
            && !p.facts().fileId().get().equals(fileId));
    DeliveryFacts.Builder facts = DeliveryFacts.builder().stackedAt(config.work().clock().instant());
    String stackId = null;
    String previousFileId = null;
    if (previous.isPresent()) {
      previousFileId = previous.get().facts().fileId().get();
      Optional<String> stack = config.remoteFiles().stack(previousFileId, fileId,
          delivery.facts().folderId().orElseThrow(IllegalStateException::new));
      if (stack.isPresent()) {
        stackId = stack.get();
        facts.versionStackId(stackId);
      } else {
        LOG.warn("{}: the previous version's file {} is gone from Frame.io; not stacked",
            delivery.file().relativePath(), previousFileId);
      }
    }
    Delivery stacked = lease.record(facts.build());
    if (stackId != null) {
      listeners.onStacked(stacked, stackId, previousFileId);
    }
    return Optional.of(stacked);
  }

  /**
   * Moves the shot to the workflow's delivered status (review_uploaded by default), recorded in
   * its history as the pipeline's doing. A shot whose status cannot go there (blocked in a status
   * that does not allow it, or a custom workflow's rule) keeps its status: the file is delivered
   * all the same, and the refusal is logged naming both statuses.
   */
  private Delivery writeStatus(Delivery delivery, String shotName) {
    ShotStatus previous = config.shots().findByNomenclature(shotName).map(Shot::status).orElse(null);
    Shot updated;
    try {
      updated = config.shots().updateStatus(shotName, config.workflow().delivered(), StatusChange.Source.PIPELINE,
          config.work().agentId());
    } catch (IllegalTransitionException refused) {
      LOG.info("{} is delivered; its shot keeps its status: {}", delivery.file().relativePath(),
          refused.getMessage());
      return lease.record(DeliveryFacts.builder().statusWrittenAt(config.work().clock().instant()).build());
    }
    Delivery written = lease.record(DeliveryFacts.builder().statusWrittenAt(config.work().clock().instant()).build());
    if (!updated.status().equals(previous)) {
      listeners.onStatusChanged(written, updated, previous);
    }
    return written;
  }

  private Delivery quarantine(String reason) {
    Delivery delivery = lease.delivery();
    LOG.info("Quarantined {}: {}", delivery.file().relativePath(), reason);
    Delivery quarantined = lease.finish(DeliveryState.QUARANTINED, reason);
    // Queued once the journal holds the ending (an agent that lost its lease throws above and
    // tells nobody: the new owner does); told on the channels' threads, not journaled: a crash
    // before it goes loses the message, the journal still shows the render set aside.
    notifications.send(Notification.Kind.QUARANTINED, quarantined, Optional.empty(),
        delivery.file().relativePath() + " is set aside: " + reason);
    listeners.onQuarantined(quarantined, reason);
    return quarantined;
  }
}
