package io.postflow.pipeline.engine;

import io.postflow.api.DeliveryJournal;
import io.postflow.api.PipelineListener;
import io.postflow.api.ShotRepository;
import io.postflow.api.StructureManager;
import io.postflow.api.Uploader;
import io.postflow.lucidlink.CacheWarmer;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.workflow.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the orchestrator works with, validated and built by {@code PostFlow.Builder}.
 *
 * @param roots the watched roots by label, each an absolute, real path
 * @param work how the workers go about it
 * @param workflow whose {@code delivered()} status a shot gets when a version is confirmed
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
    NotifySettings notifications,
    List<PipelineListener> listeners,
    Optional<CacheWarmer> cacheWarmer,
    WorkSettings work,
    Workflow workflow) {

  public EngineConfig {
    roots = Map.copyOf(roots);
    listeners = List.copyOf(listeners);
  }
}
