package io.postflow.pipeline.review;

import io.postflow.api.Delivery;
import io.postflow.api.IllegalTransitionException;
import io.postflow.api.Notification;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.api.UnknownShotException;
import io.postflow.frameio.Comment;
import io.postflow.frameio.FieldDefinition;
import io.postflow.frameio.FileAsset;
import io.postflow.frameio.MetadataField;
import io.postflow.frameio.ResourceNotFoundException;
import io.postflow.frameio.User;
import io.postflow.frameio.webhooks.WebhookEvent;
import io.postflow.frameio.webhooks.WebhookListener;
import io.postflow.production.nomenclature.NameResult;
import io.postflow.production.nomenclature.ParsedName;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the review loop does with each verified Frame.io event. Events carry ids only, so each
 * one is followed by a read (the file's metadata, the comment, the file) and matched to a shot by
 * the file's name, as the pipeline named it.
 *
 * <ul>
 *   <li>{@code metadata.value.updated}: the status a reviewer chose in the custom field becomes
 *       the shot's, history "reviewer" (with the Frame.io user id), when the file is the shot's
 *       latest delivered version and the workflow allows the move; a refused move is logged and
 *       the field is set back to the shot's status, so Frame.io shows the truth.
 *   <li>{@code comment.created}: a {@link Notification.Kind#COMMENT_ADDED} notification with the
 *       shot, its scene, the version, the author and the comment's SMPTE timecode at the
 *       production's rate.
 *   <li>{@code file.ready}: the field is written (again) on the shot's latest version, which
 *       repairs a write lost to a crash or an outage.
 * </ul>
 *
 * <p>Idempotent, because Frame.io delivers at least once: a status is only ever moved to the value
 * the field holds now (a second delivery finds it there already), and a comment is relayed once
 * per comment id (the last {@value #REMEMBERED_COMMENTS} are remembered).
 */
final class ReviewEvents implements WebhookListener {
  static final Set<String> EVENTS = Set.of("metadata.value.updated", "comment.created", "file.ready");
  private static final Logger LOG = LoggerFactory.getLogger(ReviewEvents.class);
  private static final int REMEMBERED_COMMENTS = 10_000;

  private final ReviewContext context;
  private final FieldDefinition field;
  private final StatusFieldWriter writer;
  private final boolean relayComments;
  private final Set<String> relayed = Collections.newSetFromMap(new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_COMMENTS;
    }
  });

  /** A file PostFlow delivered, and its shot. */
  private record Reviewed(FileAsset file, Shot shot, String nomenclature, int version) {}

  ReviewEvents(ReviewContext context, FieldDefinition field, StatusFieldWriter writer, boolean relayComments) {
    this.context = context;
    this.field = field;
    this.writer = writer;
    this.relayComments = relayComments;
  }

  @Override
  public void onEvent(WebhookEvent event) {
    if (event.projectId().isPresent() && !event.projectId().get().equals(context.projectId())) {
      LOG.debug("{} for {} of another project: ignored", event.type(), event.resourceId());
      return;
    }
    try {
      switch (event.type()) {
        case "metadata.value.updated" -> reviewerSetField(event);
        case "comment.created" -> commentCreated(event);
        case "file.ready" -> fileReady(event.resourceId());
        default -> LOG.debug("{} for {}: not handled", event.type(), event.resourceId());
      }
    } catch (ResourceNotFoundException gone) {
      LOG.debug("{} for {}: the resource is gone", event.type(), event.resourceId());
    }
  }

  private void reviewerSetField(WebhookEvent event) {
    Optional<Reviewed> reviewed = reviewed(event.resourceId());
    if (reviewed.isEmpty()) {
      return;
    }
    Optional<String> chosen = context.account().metadata().fileMetadata(event.resourceId()).stream()
        .filter(m -> m.definitionId().equals(field.id()))
        .map(MetadataField::selected).filter(s -> !s.isEmpty()).map(s -> s.get(0).displayName()).findFirst();
    if (chosen.isEmpty()) {
      return;
    }
    Reviewed r = reviewed.get();
    if (writer.wroteLast(r.file().id(), chosen.get())) {
      return; // the echo of our own write (Frame.io reports every change, ours too)
    }
    Optional<ShotStatus> status = context.workflow().status(chosen.get());
    if (status.isEmpty() || r.shot().status().equals(status.get())) {
      return; // a second delivery of the event, or an option the workflow does not have
    }
    if (!isLatest(r)) {
      LOG.info("{} v{} was set to {} in Frame.io, but a later version of the shot is delivered: ignored",
          r.nomenclature(), r.version(), chosen.get());
      return;
    }
    ShotStatus from = r.shot().status();
    Shot updated;
    try {
      updated = context.shots().updateStatus(r.nomenclature(), status.get(), StatusChange.Source.REVIEWER,
          event.userId().orElse(null));
      writer.holds(r.file().id(), chosen.get());
    } catch (IllegalTransitionException refused) {
      LOG.warn("A reviewer set {} v{} to {} in Frame.io; the shot list keeps {}: {}", r.nomenclature(),
          r.version(), chosen.get(), from, refused.getMessage());
      writer.write(r.file().id(), from);
      return;
    } catch (UnknownShotException gone) {
      return;
    }
    LOG.info("{} v{}: {} -> {} by a reviewer in Frame.io", r.nomenclature(), r.version(), from, updated.status());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("Shot", r.nomenclature());
    details.put("Scene", sceneLabel(r.shot()));
    details.put("Version", "v" + r.version());
    details.put("From", from.toString());
    details.put("To", updated.status().toString());
    details.put("By", "reviewer in Frame.io");
    context.notifications().accept(Notification.builder().kind(Notification.Kind.STATUS_CHANGED)
        .shot(updated).message(r.nomenclature() + " v" + r.version() + " is " + updated.status()
            + " (set by a reviewer in Frame.io)")
        .link(link(r.file())).details(details).build());
  }

  private void commentCreated(WebhookEvent event) {
    if (!relayComments) {
      return;
    }
    synchronized (relayed) {
      if (relayed.contains(event.resourceId())) {
        LOG.debug("Comment {} already relayed", event.resourceId());
        return;
      }
    }
    Comment comment = context.account().comment(event.resourceId());
    Optional<Reviewed> reviewed = comment.fileId().flatMap(this::reviewed);
    if (reviewed.isEmpty()) {
      return;
    }
    synchronized (relayed) {
      if (!relayed.add(comment.id())) {
        return; // the same comment delivered twice at once: the other delivery relays it
      }
    }
    Reviewed r = reviewed.get();
    Optional<String> timecode = CommentTimecode.smpte(comment.timestamp(), context.rate());
    String author = comment.owner().flatMap(User::name).orElse("A reviewer");
    Map<String, String> details = new LinkedHashMap<>();
    details.put("Shot", r.nomenclature());
    details.put("Scene", sceneLabel(r.shot()));
    details.put("Version", "v" + r.version());
    timecode.ifPresent(tc -> details.put("Timecode", tc + " @ " + context.rate() + " fps"));
    details.put("Author", author);
    details.put("Comment", comment.text());
    context.notifications().accept(Notification.builder().kind(Notification.Kind.COMMENT_ADDED).shot(r.shot())
        .message(author + " on " + r.nomenclature() + " v" + r.version() + timecode.map(tc -> " at " + tc).orElse("")
            + ": " + comment.text())
        .link(link(r.file())).details(details).build());
  }

  /**
   * Only for a file the journal already holds as its shot's latest delivery: {@code file.ready}
   * can come before the pipeline has recorded the status, and writing the old one then would be
   * wrong.
   */
  private void fileReady(String fileId) {
    reviewed(fileId).filter(r -> context.journal().latestDelivered(r.nomenclature())
            .flatMap(d -> d.facts().fileId()).map(fileId::equals).orElse(false))
        .ifPresent(r -> writer.write(fileId, r.shot().status()));
  }

  /** The file and its shot, when it is one PostFlow delivered (named by the nomenclature). */
  private Optional<Reviewed> reviewed(String fileId) {
    FileAsset file = context.account().file(fileId);
    NameResult name = context.nomenclature().parse(file.name());
    if (!name.isMatched() || name.parsed().isEmpty()) {
      LOG.debug("File {} ({}) is not a render PostFlow names", fileId, file.name());
      return Optional.empty();
    }
    ParsedName parsed = name.parsed().get();
    Optional<String> nomenclature = context.nomenclature().shotNomenclature(parsed);
    Optional<Shot> shot = nomenclature.flatMap(n -> context.shots().findByNomenclature(n));
    if (shot.isEmpty()) {
      LOG.debug("File {} ({}): no such shot in the shot list", fileId, file.name());
      return Optional.empty();
    }
    return Optional.of(new Reviewed(file, shot.get(), shot.get().nomenclature().orElse(nomenclature.get()),
        parsed.version().orElse(0)));
  }

  /** Whether the file is the shot's latest delivered version (or the journal knows none). */
  private boolean isLatest(Reviewed r) {
    Optional<Delivery> latest = context.journal().latestDelivered(r.nomenclature());
    return latest.flatMap(d -> d.facts().fileId()).map(id -> id.equals(r.file().id())).orElse(true);
  }

  private static String sceneLabel(Shot shot) {
    return String.format("SC%02d %s", shot.scene().number(), shot.scene().rawName());
  }

  private static Optional<URI> link(FileAsset file) {
    return file.viewUrl().map(URI::create);
  }
}
