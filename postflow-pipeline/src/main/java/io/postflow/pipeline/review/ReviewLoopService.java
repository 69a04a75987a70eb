package io.postflow.pipeline.review;

import io.postflow.api.Delivery;
import io.postflow.api.FolderPath;
import io.postflow.api.Notification;
import io.postflow.api.PipelineListener;
import io.postflow.api.PostFlowException;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.frameio.FieldDefinition;
import io.postflow.frameio.ResourceNotFoundException;
import io.postflow.frameio.Share;
import io.postflow.frameio.Webhook;
import io.postflow.frameio.WebhookUpdate;
import io.postflow.frameio.webhooks.WebhookReceiver;
import io.postflow.pipeline.ReviewLoop;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running review loop: the custom field and its writer, the webhook receiver and the
 * workspace webhook that feeds it, and review links. Started by {@code PostFlow.start()} after the
 * workers, closed before them.
 */
public final class ReviewLoopService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewLoopService.class);
  /**
   * Where a webhook points for the moment between its creation and the receiver's start, when the
   * receiver's port is chosen at start: {@code .invalid} never resolves (RFC 2606).
   */
  static final URI PENDING_URL = URI.create("https://postflow.invalid/starting");
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private final ReviewContext context;
  private final StatusFieldWriter writer;
  private final ExecutorService listenerThreads;
  private final WebhookReceiver receiver;
  private final Webhook webhook;

  private ReviewLoopService(ReviewContext context, StatusFieldWriter writer, ExecutorService listenerThreads,
      WebhookReceiver receiver, Webhook webhook) {
    this.context = context;
    this.writer = writer;
    this.listenerThreads = listenerThreads;
    this.receiver = receiver;
    this.webhook = webhook;
  }

  /**
   * Makes sure the field exists, starts the writer and the receiver, and registers the webhook.
   * Whatever was started is stopped again when a later step fails.
   *
   * @throws PostFlowException when Frame.io refuses a step or the port cannot be bound
   */
  public static ReviewLoopService start(ReviewLoop settings, ReviewContext context) {
    List<String> options = context.workflow().statuses().stream().map(ShotStatus::name).collect(Collectors.toList());
    FieldDefinition field = context.account().metadata().ensureSelectField(settings.fieldName(), options);
    StatusFieldWriter writer = new StatusFieldWriter(context.account().metadata(), context.projectId(), field,
        CLOSE_GRACE);
    ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.factory("postflow-review"));
    WebhookReceiver receiver = null;
    Webhook webhook = null;
    try {
      removeStale(settings, context);
      webhook = context.account().createWebhook(context.workspaceId(), ReviewLoop.WEBHOOK_NAME,
          settings.publicUrl().orElse(PENDING_URL), List.copyOf(new LinkedHashSet<>(ReviewEvents.EVENTS)));
      String secret = webhook.secret().orElseThrow(() -> new PostFlowException(
          "Frame.io created the review loop's webhook without a secret; cannot verify its events"));
      receiver = WebhookReceiver.builder().secret(secret).clock(context.clock())
          .bindAddress(settings.bindAddress()).port(settings.port())
          .listener(new ReviewEvents(context, field, writer, settings.relayComments()))
          .executor(threads).build().start();
      if (settings.publicUrl().isEmpty()) {
        webhook = context.account().updateWebhook(webhook.id(),
            WebhookUpdate.builder().url(receiver.uri().toString()).build());
      }
      LOG.info("Review loop: field '{}' ({}), webhook {} -> {}", field.name(), field.id(), webhook.id(),
          settings.publicUrl().map(u -> u.getScheme() + "://" + u.getAuthority() + u.getPath())
              .orElse(receiver.uri().toString()));
      return new ReviewLoopService(context, writer, threads, receiver, webhook);
    } catch (RuntimeException | Error e) {
      if (receiver != null) {
        receiver.close();
      }
      if (webhook != null) {
        deleteQuietly(context, webhook.id());
      }
      writer.close();
      threads.shutdownNow();
      throw e;
    }
  }

  /** Webhooks an earlier run registered at the same address (their secrets are gone with it). */
  private static void removeStale(ReviewLoop settings, ReviewContext context) {
    try (var hooks = context.account().webhooks(context.workspaceId())) {
      hooks.filter(w -> w.name().equals(ReviewLoop.WEBHOOK_NAME))
          .filter(w -> settings.publicUrl().map(u -> w.url().equals(u.toString())).orElseGet(() -> isLoopback(w.url())))
          .forEach(w -> {
            LOG.info("Removing webhook {} an earlier run registered at {}", w.id(), w.url());
            deleteQuietly(context, w.id());
          });
    }
  }

  private static boolean isLoopback(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
          || host.equals(PENDING_URL.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Writes the status field of each delivered file; add it to the workers' listeners. */
  public PipelineListener listener() {
    return new PipelineListener() {
      @Override
      public void onDelivered(Delivery delivery) {
        Optional<String> fileId = delivery.facts().fileId();
        Optional<Shot> shot = delivery.facts().shot().flatMap(n -> context.shots().findByNomenclature(n));
        if (fileId.isPresent() && shot.isPresent()) {
          writer.write(fileId.get(), shot.get().status());
        }
      }
    };
  }

  /** Where Frame.io's events are received (before any tunnel or proxy). */
  public URI receiverUri() {
    return receiver.uri();
  }

  /**
   * Creates a share of the scene's folder on Frame.io and tells the notifiers
   * ({@link Notification.Kind#REVIEW_LINK}). The scene's folder is the one its delivered shots'
   * folders have in common; when the folder template puts shots of a scene in no common folder,
   * the share holds the shot folders themselves.
   *
   * @throws PostFlowException when the scene does not exist or none of its shots is delivered yet
   */
  public URI reviewLink(int sceneNumber) {
    Scene scene = context.shots().scenes().stream().filter(s -> s.number() == sceneNumber).findFirst()
        .orElseThrow(() -> new PostFlowException("no scene " + sceneNumber + " in the shot list (scenes 1 to "
            + context.shots().scenes().size() + ")"));
    Map<String, String> shotFolders = new LinkedHashMap<>(); // folder path -> id
    int delivered = 0;
    for (Shot shot : context.shots().shotsInScene(sceneNumber)) {
      Optional<Delivery> latest = shot.nomenclature().flatMap(n -> context.journal().latestDelivered(n));
      if (latest.isPresent() && latest.get().facts().folderPath().isPresent()
          && latest.get().facts().folderId().isPresent()) {
        delivered++;
        shotFolders.put(latest.get().facts().folderPath().get(), latest.get().facts().folderId().get());
      }
    }
    String label = String.format("SC%02d %s", scene.number(), scene.rawName());
    if (shotFolders.isEmpty()) {
      throw new PostFlowException("scene " + label + " has no version on Frame.io yet: nothing to share");
    }
    Set<FolderPath> parents = shotFolders.keySet().stream().map(p -> FolderPath.parse(p).parent())
        .collect(Collectors.toSet());
    List<String> assets = new ArrayList<>();
    if (parents.size() == 1 && !parents.iterator().next().isRoot()) {
      assets.add(context.structure().ensure(context.rootFolderId(), parents.iterator().next()));
    } else {
      shotFolders.values().stream().limit(100).forEach(assets::add);
    }
    String name = (label + " review").length() > 175 ? label.substring(0, 168) + " review" : label + " review";
    Share share = context.account().shares().createShare(context.projectId(), name, assets, false, Optional.empty());
    URI link = share.shortUrl().orElseThrow(() -> new PostFlowException("Frame.io created share " + share.id()
        + " for " + label + " without a link"));
    Map<String, String> details = new LinkedHashMap<>();
    details.put("Scene", label);
    details.put("Shots on Frame.io", delivered + " of " + context.shots().shotsInScene(sceneNumber).size());
    context.notifications().accept(Notification.builder().kind(Notification.Kind.REVIEW_LINK)
        .message("Review link for " + label + ": " + link).link(link).details(details).build());
    LOG.info("Review link for {}: share {}", label, share.id());
    return link;
  }

  /** Stops receiving, deletes the webhook, writes the statuses still waiting. Idempotent. */
  @Override
  public void close() {
    receiver.close();
    deleteQuietly(context, webhook.id());
    writer.close();
    listenerThreads.shutdown();
    try {
      if (!listenerThreads.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        listenerThreads.shutdownNow();
      }
    } catch (InterruptedException e) {
      listenerThreads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the field writer has nothing waiting; for tests. */
  boolean idle() {
    return writer.idle();
  }

  private static void deleteQuietly(ReviewContext context, String webhookId) {
    try {
      context.account().deleteWebhook(webhookId);
    } catch (ResourceNotFoundException gone) {
      // already gone: what we wanted
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the review loop's webhook {}; delete it in Frame.io or it is replaced at the"
          + " next start", webhookId, e);
    }
  }
}
