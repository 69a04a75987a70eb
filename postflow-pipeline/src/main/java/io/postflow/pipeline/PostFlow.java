package io.postflow.pipeline;

import io.postflow.api.DeliveryHandle;
import io.postflow.api.FileIdentity;
import io.postflow.api.LocalFileException;
import io.postflow.api.Notifier;
import io.postflow.api.PipelineListener;
import io.postflow.api.ShotRepository;
import io.postflow.pipeline.engine.Orchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: watches the filespace, and takes every settled render to Frame.io once, into its
 * shot's folder, stacked on the shot's previous version, with the shot list updated and the team
 * told; also after a crash, a restart or a network outage, because every step is recorded in a
 * journal that is also the work queue.
 *
 * <pre>{@code
 * try (PostFlow postflow = PostFlow.builder()
 *     .fromEnvironment()                      // FRAMEIO_*, LUCIDLINK_MOUNT_PATH, POSTFLOW_SHOT_LIST, ...
 *     .listener(new PipelineListener() {
 *       public void onDelivered(Delivery d) { log.info("{} is on Frame.io", d.file().relativePath()); }
 *     })
 *     .build()) {                            // validates; starts nothing
 *   postflow.start();                         // opens the journal, resumes its work, watches
 *   DeliveryHandle handle = postflow.submit(Path.of("/renders/UNDLM_00042_v002.mov"));
 *   Delivery delivered = handle.completion().join();
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link PostFlowBuilder#build()} validates the settings and reads the shot list; it
 * opens no socket and starts no thread. {@link #start()} opens the journal (giving back the work a
 * crashed predecessor held), connects to Frame.io, starts the workers and the watchers.
 * {@link #close()} stops watching, lets uploads in flight finish for up to the grace period (then
 * cancels them; their deliveries wait in the journal for the next start) and closes what PostFlow
 * created, never what it was given.
 *
 * <p><b>Thread-safety.</b> Thread-safe; one instance per journal.
 */
public final class PostFlow implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostFlow.class);
  /** The root label of files submitted from outside every watched folder. */
  static final String SUBMITTED_ROOT = "local";

  private final PostFlowPlan plan;
  private final Observers observers = new Observers();
  private final AtomicReference<Running> running = new AtomicReference<>();
  private volatile boolean closed;

  PostFlow(PostFlowPlan plan) {
    this.plan = plan;
  }

  /** A builder; see {@link PostFlowBuilder} for every setting and its default. */
  public static PostFlowBuilder builder() {
    return new PostFlowBuilder();
  }

  /**
   * Opens the journal, connects to Frame.io, resolves the project's root folder, starts the
   * workers (which resume any work the journal holds) and the watchers.
   *
   * @return this, for chaining
   * @throws IllegalStateException when already started or closed
   * @throws io.postflow.api.PostFlowException when the journal cannot be opened or Frame.io refuses;
   *     everything opened so far is closed again
   */
  public PostFlow start() {
    synchronized (running) {
      if (closed || running.get() != null) {
        throw new IllegalStateException("PostFlow was already started" + (closed ? " and closed" : ""));
      }
      running.set(Running.start(plan, observers));
    }
    return this;
  }

  /**
   * Hands a finished file to the pipeline: it is recorded in the journal at once (so it survives
   * a crash) and delivered by the workers like a watched file. A file below a watched folder is
   * identified relative to it, as the watcher would; submitting the same version twice gives a
   * handle on the same delivery.
   *
   * @throws LocalFileException when the file is missing, not a regular file or unreadable
   * @throws IllegalStateException when the pipeline is not running
   */
  public DeliveryHandle submit(Path file) {
    Running now = requireRunning();
    Path path = file.toAbsolutePath().normalize();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        path = path.toRealPath();
        attributes = Files.readAttributes(path, BasicFileAttributes.class);
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot submit", path, e);
    }
    if (!attributes.isRegularFile()) {
      throw new LocalFileException("cannot submit", path,
          new FileSystemException(path.toString(), null, "not a regular file"));
    }
    if (!Files.isReadable(path)) {
      throw new LocalFileException("cannot submit", path, new AccessDeniedException(path.toString()));
    }
    FileIdentity identity = identify(path, attributes);
    now.orchestrator.record(identity, path, false);
    return now.orchestrator.handle(identity);
  }

  private FileIdentity identify(Path path, BasicFileAttributes attributes) {
    for (Map.Entry<String, Path> root : plan.roots().entrySet()) {
      if (path.startsWith(root.getValue()) && !path.equals(root.getValue())) {
        return FileIdentity.of(root.getKey(), root.getValue().relativize(path), attributes.size(),
            attributes.lastModifiedTime().toInstant());
      }
    }
    Path relative = path.getRoot() == null ? path : path.getRoot().relativize(path);
    return FileIdentity.of(SUBMITTED_ROOT, relative, attributes.size(), attributes.lastModifiedTime().toInstant());
  }

  /**
   * Adds a listener to a built pipeline, before or while it runs: for what observes the pipeline
   * from outside its configuration (a dashboard, a progress display). It is called after the
   * builder's listeners, under the same {@link PipelineListener contract}, for the events that
   * happen from now on. Adding one twice has it called twice.
   */
  public void addListener(PipelineListener listener) {
    observers.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling a listener given to {@link #addListener}; does nothing for an unknown one. */
  public void removeListener(PipelineListener listener) {
    observers.remove(listener);
  }

  /**
   * Adds a notifier to a built pipeline, before or while it runs, told after the builder's
   * notifiers of what is sent from now on (a dashboard showing recent notifications and alerts).
   * Unlike the builder's notifiers it is a bystander: it must return quickly, and the builder's
   * default logging notifier stays.
   */
  public void addNotifier(Notifier notifier) {
    observers.add(Objects.requireNonNull(notifier, "notifier"));
  }

  /** Stops telling a notifier given to {@link #addNotifier}; does nothing for an unknown one. */
  public void removeNotifier(Notifier notifier) {
    observers.remove(notifier);
  }

  /**
   * Creates a Frame.io share (a review link) of the scene's folder and posts it to the notifiers
   * as a {@link io.postflow.api.Notification.Kind#REVIEW_LINK}; see {@link ReviewLoop}.
   *
   * @param sceneNumber the scene's number in the shot list (1-based)
   * @return the link, e.g. {@code https://f.io/GGa9wPw5}
   * @throws IllegalStateException when the pipeline is not running or has no review loop
   * @throws io.postflow.api.PostFlowException when there is no such scene, none of its shots is on
   *     Frame.io yet, or Frame.io refuses the share
   */
  public URI reviewLink(int sceneNumber) {
    return requireRunning().review.orElseThrow(() -> new IllegalStateException(
        "the review loop is off: configure it with PostFlow.builder().reviewLoop(...)")).reviewLink(sceneNumber);
  }

  /** The shot list the pipeline reads and updates. */
  public ShotRepository shots() {
    return plan.shots();
  }

  /**
   * What the journal knows: deliveries by state, by shot, counts; and retrying the ones set aside.
   *
   * @throws IllegalStateException when the pipeline is not running (the journal is closed)
   */
  public Deliveries deliveries() {
    Running now = requireRunning();
    return new Deliveries(now.journal, now.orchestrator::wake);
  }

  /**
   * Stops watching and taking work; waits up to {@code grace} for uploads in flight, then cancels
   * them (their deliveries stay pending in the journal); closes what PostFlow created.
   * Idempotent.
   *
   * @return whether everything in flight ended within the grace period and the cancellation after it
   */
  public boolean close(Duration grace) {
    Running now;
    synchronized (running) {
      closed = true;
      now = running.getAndSet(null);
    }
    if (now == null) {
      return true;
    }
    boolean ended = now.stop(grace);
    LOG.debug("PostFlow closed ({})", ended ? "all work ended" : "some workers did not end in time");
    return ended;
  }

  /** {@link #close(Duration)} with the configured grace period (default 30 s). */
  @Override
  public void close() {
    close(plan.shutdownGrace());
  }

  private Running requireRunning() {
    Running now = running.get();
    if (now == null) {
      throw new IllegalStateException(closed ? "PostFlow is closed" : "PostFlow is not started: call start() first");
    }
    return now;
  }

  /** Renders each setting for a support ticket; never a secret. */
  @Override
  public String toString() {
    return "PostFlow" + plan;
  }
}
