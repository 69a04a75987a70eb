package io.postflow.pipeline.engine;

import io.postflow.api.DeliveryJournal;
import io.postflow.api.Notifier;
import io.postflow.api.PipelineListener;
import io.postflow.api.ShotRepository;
import io.postflow.api.StructureManager;
import io.postflow.api.Uploader;
import io.postflow.lucidlink.CacheWarmer;
import io.postflow.production.nomenclature.Nomenclature;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the orchestrator works with, validated and built by {@code PostFlow.Builder}.
 *
 * @param roots the watched roots by label, each an absolute, real path
 * @param workers how many deliveries run at once (and so uploads)
 * @param leaseLength how long a claim lasts unrenewed; renewed every third of it while working
 * @param maxAttempts attempts before a retryable failure becomes final
 * @param retryBaseDelay the first retry's wait, doubling up to {@code retryMaxDelay}
 * @param idlePoll the longest an idle worker waits before asking the journal again
 * @param stackWait how long a version waits before checking again whether its predecessors are done
 */
public record EngineConfig(
    DeliveryJournal journal,
    ShotRepository shots,
    Nomenclature nomenclature,
    StructureManager structure,
    Uploader uploader,
    RemoteFiles remoteFiles,
    String rootFolderId,
    Map<String, Path> roots,
    List<Notifier> notifiers,
    List<PipelineListener> listeners,
    Optional<CacheWarmer> cacheWarmer,
    String agentId,
    int workers,
    Duration leaseLength,
    int maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration idlePoll,
    Duration stackWait,
    Clock clock) {

  public EngineConfig {
    roots = Map.copyOf(roots);
    notifiers = List.copyOf(notifiers);
    listeners = List.copyOf(listeners);
  }
}
