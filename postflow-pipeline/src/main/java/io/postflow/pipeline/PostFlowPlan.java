package io.postflow.pipeline;

import io.postflow.api.Authenticator;
import io.postflow.api.DeliveryJournal;
import io.postflow.pipeline.engine.NotifySettings;
import io.postflow.api.PipelineListener;
import io.postflow.api.ShotRepository;
import io.postflow.api.Sleeper;
import io.postflow.api.StructureManager;
import io.postflow.api.Uploader;
import io.postflow.frameio.FrameioClient;
import io.postflow.lucidlink.CacheWarmer;
import io.postflow.pipeline.engine.WorkSettings;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.workflow.Workflow;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The validated settings {@link PostFlowBuilder#build()} hands to {@link PostFlow}: what to create
 * at {@link PostFlow#start()} and what was given. Holds no secret in {@link #toString()}.
 */
record PostFlowPlan(
    Optional<FrameioClient> client,
    URI frameioBaseUri,
    Optional<Supplier<Authenticator>> authenticator,
    Optional<String> accountId,
    Optional<String> workspaceId,
    Optional<String> projectId,
    Optional<String> rootFolderId,
    ShotRepository shots,
    Nomenclature nomenclature,
    Optional<StructureManager> structure,
    Optional<Uploader> uploader,
    boolean waitForTranscode,
    Optional<DeliveryJournal> journal,
    Optional<SharedJournal> sharedJournal,
    Path journalFile,
    Map<String, Path> roots,
    Duration settleTime,
    Duration scanInterval,
    NotifySettings notifications,
    List<PipelineListener> listeners,
    Optional<CacheWarmer> cacheWarmer,
    WorkSettings work,
    Duration shutdownGrace,
    Sleeper sleeper,
    Optional<Object> meterRegistry,
    Optional<AlertRules> alerts,
    Workflow workflow,
    FrameRate rate,
    Optional<ReviewLoop> reviewLoop) {

  PostFlowPlan {
    roots = Map.copyOf(roots);
    listeners = List.copyOf(listeners);
  }

  @Override
  public String toString() {
    return "[frameio=" + (client.isPresent() ? "given client" : frameioBaseUri)
        + ", account=" + accountId.orElse("(the only one)")
        + ", project=" + projectId.orElse("-") + ", rootFolder=" + rootFolderId.orElse("-")
        + ", journal=" + (journal.isPresent() ? "given" : sharedJournal.map(Object::toString).orElse(journalFile.toString()))
        + ", watching=" + roots + ", uploads=" + work.workers() + ", agent=" + work.agentId()
        + ", workflow=" + workflow.source() + reviewLoop.map(r -> ", " + r).orElse("") + "]";
  }
}
