package io.postflow.pipeline;

import io.postflow.api.AgentLock;
import io.postflow.api.ConfigurationException;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.Notification;
import io.postflow.api.PipelineListener;
import io.postflow.api.StructureManager;
import io.postflow.api.Uploader;
import io.postflow.frameio.Account;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.FrameioStructureManager;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.Project;
import io.postflow.lucidlink.DirectoryWatcher;
import io.postflow.lucidlink.SettleGate;
import io.postflow.pipeline.engine.EngineConfig;
import io.postflow.pipeline.engine.FrameioRemoteFiles;
import io.postflow.pipeline.engine.Instrumentation;
import io.postflow.pipeline.engine.JournalReadyView;
import io.postflow.pipeline.engine.NotificationChannel;
import io.postflow.pipeline.engine.NotifySettings;
import io.postflow.pipeline.engine.Orchestrator;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.pipeline.review.ReviewContext;
import io.postflow.pipeline.review.ReviewLoopService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started pipeline: what {@link PostFlow#start()} opened, in the order it opened it, so that
 * stopping closes it in reverse, and only what PostFlow itself created.
 */
final class Running {
  private static final Logger LOG = LoggerFactory.getLogger(Running.class);

  final DeliveryJournal journal;
  final Orchestrator orchestrator;
  final Optional<ReviewLoopService> review;
  private final Deque<AutoCloseable> owned;
  private final Instrumentation instruments;

  private Running(DeliveryJournal journal, Orchestrator orchestrator, Optional<ReviewLoopService> review,
      Deque<AutoCloseable> owned, Instrumentation instruments) {
    this.journal = journal;
    this.orchestrator = orchestrator;
    this.review = review;
    this.owned = owned;
    this.instruments = instruments;
  }

  private static List<PipelineListener> listeners(PostFlowPlan plan, Instrumentation instruments) {
    List<PipelineListener> all = new ArrayList<>(plan.listeners());
    instruments.listener().ifPresent(all::add);
    return all;
  }

  static Running start(PostFlowPlan plan, Observers observers) {
    Deque<AutoCloseable> owned = new ArrayDeque<>();
    Orchestrator orchestrator = null;
    Instrumentation instruments = null;
    try {
      instruments = Instrumentation.create(plan.meterRegistry(), plan.alerts(), plan.work().clock());
      DeliveryJournal journal = instruments.journal(plan.journal().orElseGet(() -> own(owned, plan.sharedJournal()
          .map(shared -> shared.open(plan.work().clock()))
          .orElseGet(() -> SqliteDeliveryJournal.builder().file(plan.journalFile()).clock(plan.work().clock()).open()))));
      Instrumentation observed = instruments;
      FrameioClient client = plan.client().orElseGet(() -> {
        var authenticator = plan.authenticator().orElseThrow().get();
        return own(owned, FrameioClient.builder().baseUri(plan.frameioBaseUri()).authenticator(authenticator)
            .clock(plan.work().clock()).sleeper(plan.sleeper()).observer(observed.observer()).build());
      });
      String accountId = plan.accountId().orElseGet(() -> onlyAccount(client));
      FrameioAccount account = client.account(accountId);
      String rootFolderId = plan.rootFolderId().orElseGet(() -> projectRoot(account, plan));
      // A shared journal's lock makes folder creation race-free across agents, not only threads.
      StructureManager structure = plan.structure().orElseGet(() -> FrameioStructureManager.builder()
          .client(client).accountId(accountId).clock(plan.work().clock())
          .agentLock(journal instanceof AgentLock ? (AgentLock) journal : null).build());
      Uploader uploader = plan.uploader().orElseGet(() -> own(owned, LocalUploader.builder()
          .client(client).accountId(accountId).waitForTranscode(plan.waitForTranscode())
          .clock(plan.work().clock()).build()));
      // The review loop starts first (its listener is one of the engine's) and tells the team
      // through the engine's notification channels once the engine exists.
      AtomicReference<Orchestrator> engine = new AtomicReference<>();
      Consumer<Notification> tellTeam = notification -> {
        Orchestrator running = engine.get();
        if (running != null) {
          running.tell(notification);
        }
      };
      Optional<ReviewLoopService> review = plan.reviewLoop().map(settings -> own(owned,
          ReviewLoopService.start(settings, reviewContext(plan, account, rootFolderId, journal, structure,
              tellTeam))));
      List<PipelineListener> listeners = listeners(plan, instruments);
      review.ifPresent(r -> listeners.add(r.listener()));
      orchestrator = new Orchestrator(new EngineConfig(journal, plan.shots(), plan.nomenclature(), structure,
          uploader, new FrameioRemoteFiles(account), rootFolderId, plan.roots(),
          withObservers(plan.notifications(), observers),
          with(listeners, observers.listener()), plan.cacheWarmer(), plan.work(), plan.workflow()));
      engine.set(orchestrator);
      orchestrator.start();
      instruments.start(orchestrator);
      Running running = new Running(journal, orchestrator, review, owned, instruments);
      for (Map.Entry<String, Path> root : plan.roots().entrySet()) {
        JournalReadyView view = new JournalReadyView(root.getKey(), root.getValue(), journal, orchestrator);
        DirectoryWatcher watcher = own(owned, DirectoryWatcher.builder()
            .root(root.getValue())
            .settleGate(SettleGate.builder().settleTime(plan.settleTime()).clock(plan.work().clock()).build())
            .scanInterval(plan.scanInterval())
            .journal(view)
            .listener(view)
            .build());
        watcher.start();
      }
      LOG.info("PostFlow started: account {}, root folder {}, watching {}, {} upload(s) at once, journal {}",
          accountId, rootFolderId, plan.roots().isEmpty() ? "nothing" : plan.roots().values(), plan.work().workers(),
          plan.journal().isPresent() ? "(given)" : plan.sharedJournal().map(Object::toString)
              .orElse(plan.journalFile().toString()));
      return running;
    } catch (RuntimeException | Error e) {
      if (instruments != null) {
        instruments.close();
      }
      if (orchestrator != null) {
        orchestrator.stop(Duration.ZERO);
      }
      closeAll(owned);
      throw e;
    }
  }

  /** Stops the watchers first (nothing new is recorded), then the workers, then closes the rest. */
  boolean stop(Duration grace) {
    Deque<AutoCloseable> watchers = new ArrayDeque<>();
    owned.removeIf(c -> c instanceof DirectoryWatcher && watchers.add(c));
    closeAll(watchers);
    instruments.close(); // no alert is raised about a pipeline that is stopping
    boolean ended = orchestrator.stop(grace);
    closeAll(owned);
    return ended;
  }

  /**
   * The builder's channels and one more for the notifiers added to the built pipeline (a
   * dashboard): it takes every kind at once (no burst window), on its own queue and thread.
   */
  private static NotifySettings withObservers(NotifySettings configured, Observers observers) {
    List<NotificationChannel> channels = new ArrayList<>(configured.channels());
    channels.add(new NotificationChannel("observers", observers, java.util.Set.of(), false));
    return new NotifySettings(channels, configured.window(), configured.queueCapacity(),
        configured.retryBaseDelay(), configured.retryMaxDelay(), configured.flushGrace(),
        configured.sleeper(), configured.fileLink());
  }

  /** The builder's list and then the one for the observers added later. */
  private static <T> List<T> with(List<T> configured, T observers) {
    List<T> all = new ArrayList<>(configured);
    all.add(observers);
    return all;
  }

  private static <T extends AutoCloseable> T own(Deque<AutoCloseable> owned, T resource) {
    owned.push(resource);
    return resource;
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }

  /** The project and workspace come from the settings, else from the root folder and the project. */
  private static ReviewContext reviewContext(PostFlowPlan plan, FrameioAccount account, String rootFolderId,
      DeliveryJournal journal, StructureManager structure, Consumer<Notification> tellTeam) {
    String projectId = plan.projectId().orElseGet(() -> account.folder(rootFolderId).projectId().orElseThrow(
        () -> new ConfigurationException("the review loop needs FRAMEIO_PROJECT_ID: folder " + rootFolderId
            + " does not say which project it is in")));
    String workspaceId = plan.workspaceId().orElseGet(() -> account.project(projectId).workspaceId().orElseThrow(
        () -> new ConfigurationException("the review loop needs FRAMEIO_WORKSPACE_ID: project " + projectId
            + " does not say which workspace it is in")));
    return new ReviewContext(account, projectId, workspaceId, rootFolderId, plan.shots(), plan.workflow(),
        plan.nomenclature(), journal, structure, tellTeam, plan.rate(),
        plan.work().clock());
  }

  private static String onlyAccount(FrameioClient client) {
    List<Account> accounts = client.accounts();
    if (accounts.size() != 1) {
      throw new ConfigurationException("FRAMEIO_ACCOUNT_ID is required: these credentials see "
          + accounts.size() + " accounts " + accounts.stream().map(a -> a.id() + " (" + a.displayName() + ")")
              .collect(Collectors.joining(", ")));
    }
    return accounts.get(0).id();
  }

  private static String projectRoot(FrameioAccount account, PostFlowPlan plan) {
    String projectId = plan.projectId().orElseThrow();
    Project project = account.project(projectId);
    plan.workspaceId().ifPresent(workspace -> {
      if (project.workspaceId().isPresent() && !project.workspaceId().get().equals(workspace)) {
        throw new ConfigurationException("project " + projectId + " (" + project.name() + ") is in workspace "
            + project.workspaceId().get() + ", not in FRAMEIO_WORKSPACE_ID " + workspace);
      }
    });
    return project.rootFolderId();
  }
}
