package io.postflow.pipeline;

import io.postflow.api.AgentLock;
import io.postflow.api.ConfigurationException;
import io.postflow.api.DeliveryJournal;
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
import io.postflow.pipeline.engine.JournalReadyView;
import io.postflow.pipeline.engine.Orchestrator;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
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
  private final Deque<AutoCloseable> owned;

  private Running(DeliveryJournal journal, Orchestrator orchestrator, Deque<AutoCloseable> owned) {
    this.journal = journal;
    this.orchestrator = orchestrator;
    this.owned = owned;
  }

  static Running start(PostFlowPlan plan) {
    Deque<AutoCloseable> owned = new ArrayDeque<>();
    Orchestrator orchestrator = null;
    try {
      DeliveryJournal journal = plan.journal().orElseGet(() -> own(owned, plan.sharedJournal()
          .map(shared -> shared.open(plan.work().clock()))
          .orElseGet(() -> SqliteDeliveryJournal.builder().file(plan.journalFile()).clock(plan.work().clock()).open())));
      FrameioClient client = plan.client().orElseGet(() -> {
        var authenticator = plan.authenticator().orElseThrow().get();
        return own(owned, FrameioClient.builder().baseUri(plan.frameioBaseUri()).authenticator(authenticator)
            .clock(plan.work().clock()).sleeper(plan.sleeper()).build());
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
      orchestrator = new Orchestrator(new EngineConfig(journal, plan.shots(), plan.nomenclature(), structure,
          uploader, new FrameioRemoteFiles(account), rootFolderId, plan.roots(), plan.notifiers(),
          plan.listeners(), plan.cacheWarmer(), plan.work()));
      orchestrator.start();
      Running running = new Running(journal, orchestrator, owned);
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
    boolean ended = orchestrator.stop(grace);
    closeAll(owned);
    return ended;
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
