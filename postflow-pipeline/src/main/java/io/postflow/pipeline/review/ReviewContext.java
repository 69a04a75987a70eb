package io.postflow.pipeline.review;

import io.postflow.api.DeliveryJournal;
import io.postflow.api.ShotRepository;
import io.postflow.api.StructureManager;
import io.postflow.frameio.FrameioAccount;
import io.postflow.api.Notification;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.workflow.Workflow;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What the review loop works with, all of it the running pipeline's own.
 *
 * @param projectId the Frame.io project the pipeline delivers into
 * @param workspaceId its workspace, where the webhook is registered
 * @param rootFolderId the folder the pipeline's folder template starts from
 * @param notifications where the review loop's notifications go (the pipeline's channels)
 * @param rate the production's frame rate: comment timecodes are given at it
 */
public record ReviewContext(
    FrameioAccount account,
    String projectId,
    String workspaceId,
    String rootFolderId,
    ShotRepository shots,
    Workflow workflow,
    Nomenclature nomenclature,
    DeliveryJournal journal,
    StructureManager structure,
    Consumer<Notification> notifications,
    FrameRate rate,
    Clock clock) {}
