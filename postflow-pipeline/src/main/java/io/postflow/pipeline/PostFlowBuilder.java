package io.postflow.pipeline;

import io.postflow.api.Authenticator;
import io.postflow.api.ConfigurationException;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.PipelineListener;
import io.postflow.api.PostFlowException;
import io.postflow.api.ShotRepository;
import io.postflow.api.Sleeper;
import io.postflow.api.StructureManager;
import io.postflow.api.Uploader;
import io.postflow.frameio.FrameioClient;
import io.postflow.lucidlink.CacheWarmer;
import io.postflow.pipeline.engine.NotificationChannel;
import io.postflow.pipeline.engine.NotifySettings;
import io.postflow.pipeline.engine.WorkSettings;
import io.postflow.production.nomenclature.NamePattern;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.shotlist.CsvShotRepository;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.workflow.Workflow;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds a {@link PostFlow}. Every seam has a default and can be replaced; settings come from code,
 * from the environment ({@link #fromEnvironment()}) and from a properties file
 * ({@link #fromFile(Path)}), code winning over the environment and the environment over the file.
 * The keys are listed in {@code docs/configuration.md}. {@link #build()} validates everything and
 * names the setting at fault and where it came from. Not thread-safe.
 */
public final class PostFlowBuilder {
  /** The default pattern: {@code UNDLM_00042_v002.mov}. */
  public static final String DEFAULT_NAME_PATTERN = "{project}_{shot}_v{version}.{extension}";
  /** The default folder: {@code WIP_BYSHOT/SC03_BUS_FIN_DE_JOURNEE/UNDLM_00042}. */
  public static final String DEFAULT_FOLDER_TEMPLATE = "WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}";
  /** The default shot nomenclature read from a name: {@code UNDLM_00042}. */
  public static final String DEFAULT_SHOT_TEMPLATE = "{project}_{shot}";

  private Map<String, String> environment;
  private Path configFile;

  private FrameioClient client;
  private URI frameioBaseUri;
  private Authenticator authenticator;
  private String accountId;
  private String workspaceId;
  private String projectId;
  private String rootFolderId;
  private ShotRepository shots;
  private Path shotList;
  private FrameRate shotListRate;
  private Nomenclature nomenclature;
  private StructureManager structure;
  private Uploader uploader;
  private boolean waitForTranscode;
  private DeliveryJournal journal;
  private Path journalFile;
  private String journalUrl;
  private final Map<String, Path> roots = new LinkedHashMap<>();
  private Duration settleTime;
  private Duration scanInterval;
  private final List<NotificationChannel> notifiers = new ArrayList<>();
  private Duration notifyWindow;
  private Object meterRegistry;
  private AlertRules alerts;
  private boolean noAlerts;
  private Integer notifyQueue;
  private final List<PipelineListener> listeners = new ArrayList<>();
  private CacheWarmer cacheWarmer;
  private String agentId;
  private Integer maxConcurrentUploads;
  private Duration leaseLength;
  private Integer maxAttempts;
  private Duration retryBaseDelay = Duration.ofSeconds(5);
  private Duration retryMaxDelay = Duration.ofMinutes(10);
  private Duration idlePoll = Duration.ofSeconds(1);
  private Duration stackWait = Duration.ofSeconds(2);
  private Duration shutdownGrace = Duration.ofSeconds(30);
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.system();
  private Workflow workflow;
  private ReviewLoop reviewLoop;

  PostFlowBuilder() {}

  /** Reads settings missing from code from the process environment (see {@code docs/configuration.md}). */
  public PostFlowBuilder fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Reads settings missing from code from {@code environment}; for tests and launchers. */
  public PostFlowBuilder fromEnvironment(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    return this;
  }

  /**
   * Reads settings missing from code and environment from a properties file
   * ({@code KEY=value} lines with the environment's keys, e.g. {@code FRAMEIO_PROJECT_ID=...}).
   * An unknown key is an error, so that a typo is not silently ignored.
   */
  public PostFlowBuilder fromFile(Path file) {
    this.configFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /** The Frame.io client to use (never closed by PostFlow). Default: one built from the credentials. */
  public PostFlowBuilder frameio(FrameioClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  /** Where Frame.io is; default {@link FrameioClient#DEFAULT_BASE_URI} (a sandbox's URI in tests). */
  public PostFlowBuilder frameioBaseUri(URI baseUri) {
    this.frameioBaseUri = Objects.requireNonNull(baseUri, "baseUri");
    return this;
  }

  /** Where bearer tokens come from (never closed by PostFlow). Default: from the configuration. */
  public PostFlowBuilder authenticator(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    return this;
  }

  /** The Frame.io account; default the only account the credentials can see. */
  public PostFlowBuilder accountId(String accountId) {
    this.accountId = accountId;
    return this;
  }

  /** The workspace the project must belong to; checked at start when set. */
  public PostFlowBuilder workspaceId(String workspaceId) {
    this.workspaceId = workspaceId;
    return this;
  }

  /** The project whose root folder receives the renders; this or {@link #rootFolderId} is required. */
  public PostFlowBuilder projectId(String projectId) {
    this.projectId = projectId;
    return this;
  }

  /** The folder the folder template is resolved under, instead of a project's root folder. */
  public PostFlowBuilder rootFolderId(String rootFolderId) {
    this.rootFolderId = rootFolderId;
    return this;
  }

  /** The production's shots; this or {@link #shotList(Path)} is required. */
  public PostFlowBuilder shots(ShotRepository shots) {
    this.shots = Objects.requireNonNull(shots, "shots");
    return this;
  }

  /**
   * The shot list CSV export to read (statuses are kept beside it; see {@code CsvShotRepository}).
   * The production may export it again while the pipeline runs: it is looked at every scan
   * interval and reloaded, and renders quarantined for a shot the edit adds are delivered.
   */
  public PostFlowBuilder shotList(Path csv) {
    this.shotList = Objects.requireNonNull(csv, "csv");
    return this;
  }

  /** The shot list's frame rate, for its timecodes; default 25. */
  public PostFlowBuilder shotListRate(FrameRate rate) {
    this.shotListRate = Objects.requireNonNull(rate, "rate");
    return this;
  }

  /**
   * How names are read and folders named. Default: pattern {@value #DEFAULT_NAME_PATTERN}, folder
   * template {@value #DEFAULT_FOLDER_TEMPLATE}, shot template {@value #DEFAULT_SHOT_TEMPLATE}. It
   * must have a folder template and a shot template.
   */
  public PostFlowBuilder nomenclature(Nomenclature nomenclature) {
    this.nomenclature = Objects.requireNonNull(nomenclature, "nomenclature");
    return this;
  }

  /** Replaces the Frame.io structure manager (never closed by PostFlow). */
  public PostFlowBuilder structureManager(StructureManager structure) {
    this.structure = Objects.requireNonNull(structure, "structure");
    return this;
  }

  /**
   * Replaces the uploader (never closed by PostFlow): a {@code RemoteUploader} with your
   * {@code FileExposer} and {@code Tunnel}, or your own. Default: a {@code LocalUploader}.
   */
  public PostFlowBuilder uploader(Uploader uploader) {
    this.uploader = Objects.requireNonNull(uploader, "uploader");
    return this;
  }

  /** Whether the default uploader waits until Frame.io transcoded each file; default false. */
  public PostFlowBuilder waitForTranscode(boolean wait) {
    this.waitForTranscode = wait;
    return this;
  }

  /** Replaces the journal (never closed by PostFlow), e.g. a shared PostgreSQL journal. */
  public PostFlowBuilder journal(DeliveryJournal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
    return this;
  }

  /**
   * A journal shared by several agents, e.g. {@code jdbc:postgresql://db.studio/postflow}, opened
   * at start and closed at stop by PostFlow; its module ({@code postflow-journal-postgres}) must be
   * on the class path. The credentials come from {@code POSTFLOW_JOURNAL_USER} and
   * {@code POSTFLOW_JOURNAL_PASSWORD} or {@code POSTFLOW_JOURNAL_PASSWORD_FILE}. Default: the
   * environment's or file's {@code POSTFLOW_JOURNAL_URL}, else the embedded SQLite journal.
   */
  public PostFlowBuilder journalUrl(String url) {
    this.journalUrl = Objects.requireNonNull(url, "url");
    return this;
  }

  /** Where the embedded SQLite journal lives; default {@code ~/.postflow/journal.db}. */
  public PostFlowBuilder journalFile(Path file) {
    this.journalFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /** Watches {@code folder}, labelled with its own name (see {@link #watch(String, Path)}). */
  public PostFlowBuilder watch(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return watch(name == null ? "root" : name.toString(), folder);
  }

  /**
   * Watches {@code folder} recursively. Files are identified by {@code label} and their path below
   * the folder, so agents that mount the filespace in different places agree: give every agent
   * the same label for the same folder.
   */
  public PostFlowBuilder watch(String label, Path folder) {
    Objects.requireNonNull(folder, "folder");
    if (label == null || label.isBlank() || label.equals(PostFlow.SUBMITTED_ROOT)) {
      throw new ConfigurationException("watch label must not be blank or '" + PostFlow.SUBMITTED_ROOT
          + "', was " + (label == null ? "null" : "'" + label + "'"));
    }
    if (roots.putIfAbsent(label, folder) != null) {
      throw new ConfigurationException("watch label '" + label + "' is used twice");
    }
    return this;
  }

  /** How long a file's size and time must stay unchanged before it counts as finished; default 10 s. */
  public PostFlowBuilder settleTime(Duration settleTime) {
    this.settleTime = settleTime;
    return this;
  }

  /** Time between full scans of the watched folders; default 30 s. */
  public PostFlowBuilder scanInterval(Duration scanInterval) {
    this.scanInterval = scanInterval;
    return this;
  }

  /**
   * Adds a notifier for every kind of notification. Each notifier gets a queue and a thread of its
   * own, so a slow one holds up no upload. Default (when none is added in code) the log, plus
   * Discord and a webhook when {@code POSTFLOW_DISCORD_WEBHOOK_URL} or {@code POSTFLOW_WEBHOOK_URL}
   * is configured (see {@code docs/notifications.md}).
   */
  public PostFlowBuilder notifier(Notifier notifier) {
    Objects.requireNonNull(notifier, "notifier");
    notifiers.add(new NotificationChannel("notifier-" + (notifiers.size() + 1), notifier, Set.of()));
    return this;
  }

  /** Adds a notifier for the given kinds only: e.g. Discord for DELIVERED and COMMENT_ADDED. */
  public PostFlowBuilder notifier(Notifier notifier, Notification.Kind kind, Notification.Kind... more) {
    Objects.requireNonNull(notifier, "notifier");
    notifiers.add(new NotificationChannel("notifier-" + (notifiers.size() + 1), notifier,
        EnumSet.of(Objects.requireNonNull(kind, "kind"), more)));
    return this;
  }

  /**
   * How long a notifier gathers a burst before telling it, so that renders arriving together
   * become one message per scene; zero tells each at once. Default 60 s.
   */
  public PostFlowBuilder notifyWindow(Duration window) {
    this.notifyWindow = Objects.requireNonNull(window, "window");
    return this;
  }

  /** The most notifications a notifier holds waiting (a channel down for long); default 1000. */
  public PostFlowBuilder notifyQueue(int capacity) {
    this.notifyQueue = capacity;
    return this;
  }

  /**
   * Records PostFlow's metrics in {@code registry} (Micrometer is an optional dependency: without
   * this call PostFlow needs no Micrometer on the class path). The meters are listed in
   * {@code docs/notifications.md}; API latency is measured on the Frame.io client PostFlow creates
   * (give your own client a {@code FrameioObserver} yourself).
   */
  public PostFlowBuilder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * The alert rules and their thresholds; default {@link AlertRules#ofDefaults()} adjusted by the
   * {@code POSTFLOW_ALERT_*} keys. Alerts are {@code ALERT} notifications.
   */
  public PostFlowBuilder alerts(AlertRules rules) {
    this.alerts = Objects.requireNonNull(rules, "rules");
    this.noAlerts = false;
    return this;
  }

  /** Checks no alert rule (as {@code POSTFLOW_ALERTS=off}). */
  public PostFlowBuilder noAlerts() {
    this.noAlerts = true;
    this.alerts = null;
    return this;
  }

  /** Adds a listener; several may be added and are called in this order. */
  public PostFlowBuilder listener(PipelineListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Warms the LucidLink cache ahead of each upload (never closed by PostFlow); default none. */
  public PostFlowBuilder cacheWarmer(CacheWarmer warmer) {
    this.cacheWarmer = Objects.requireNonNull(warmer, "warmer");
    return this;
  }

  /** This agent's name in the journal's leases; default host name and process id. */
  public PostFlowBuilder agentId(String agentId) {
    this.agentId = agentId;
    return this;
  }

  /** Deliveries (so uploads) in progress at once, 1 to 64; default 3. */
  public PostFlowBuilder maxConcurrentUploads(int n) {
    this.maxConcurrentUploads = n;
    return this;
  }

  /**
   * Retries of a delivery whose step failed in a way that may pass: at most {@code maxAttempts}
   * attempts in all, waiting {@code baseDelay} doubling up to {@code maxDelay} (plus up to 50%
   * jitter) in between. Default 8 attempts, 5 s, 10 minutes.
   */
  public PostFlowBuilder retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    this.maxAttempts = maxAttempts;
    this.retryBaseDelay = baseDelay;
    this.retryMaxDelay = maxDelay;
    return this;
  }

  /** How long a claim on a delivery lasts unless renewed (it is, every third of it); default 5 min. */
  public PostFlowBuilder leaseLength(Duration leaseLength) {
    this.leaseLength = leaseLength;
    return this;
  }

  /** The longest an idle worker waits before asking the journal for work again; default 1 s. */
  public PostFlowBuilder idlePoll(Duration idlePoll) {
    this.idlePoll = idlePoll;
    return this;
  }

  /** How long a version waits before checking again whether its shot's earlier versions are in; default 2 s. */
  public PostFlowBuilder stackWait(Duration stackWait) {
    this.stackWait = stackWait;
    return this;
  }

  /** How long {@link PostFlow#close()} lets uploads in flight finish; default 30 s. */
  public PostFlowBuilder shutdownGrace(Duration grace) {
    this.shutdownGrace = grace;
    return this;
  }

  /**
   * The production's workflow (stages, statuses, allowed moves; see {@code docs/workflow.md}):
   * the shot list is checked against it, and a shot gets its {@code delivered()} status when a
   * version is on Frame.io. Default: {@code POSTFLOW_WORKFLOW} (a workflow file), else
   * {@link Workflow#standard()}. A repository given with {@link #shots} keeps its own rules.
   */
  public PostFlowBuilder workflow(Workflow workflow) {
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    return this;
  }

  /** Closes the Frame.io review loop (see {@link ReviewLoop}); default off. */
  public PostFlowBuilder reviewLoop(ReviewLoop reviewLoop) {
    this.reviewLoop = Objects.requireNonNull(reviewLoop, "reviewLoop");
    return this;
  }

  /** The clock for journal times, retries and settling; default the system's UTC clock. */
  public PostFlowBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** How the Frame.io client waits between retries and while pacing; default {@link Sleeper#system()}. */
  public PostFlowBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Validates the settings, reads the shot list and builds the pipeline, which is not started.
   *
   * @throws ConfigurationException naming the setting at fault and where it came from
   * @throws io.postflow.api.InvalidInputException when the shot list cannot be read
   */
  public PostFlow build() {
    ConfigValues config = environment == null && configFile == null ? ConfigValues.none()
        : ConfigValues.read(environment == null ? Map.of() : environment, Optional.ofNullable(configFile));
    Optional<Supplier<Authenticator>> auth = Optional.empty();
    if (client == null) {
      auth = Optional.of(Credentials.from(authenticator, config));
    }
    URI baseUri = frameioBaseUri != null ? frameioBaseUri
        : config.get("FRAMEIO_BASE_URL").map(v -> Settings.uri(v)).orElse(FrameioClient.DEFAULT_BASE_URI);
    Optional<String> account = Settings.first(accountId, config.text("FRAMEIO_ACCOUNT_ID"));
    Optional<String> workspace = Settings.first(workspaceId, config.text("FRAMEIO_WORKSPACE_ID"));
    Optional<String> project = Settings.first(projectId, config.text("FRAMEIO_PROJECT_ID"));
    Optional<String> rootFolder = Settings.first(rootFolderId, config.text("FRAMEIO_ROOT_FOLDER_ID"));
    if (project.isEmpty() && rootFolder.isEmpty()) {
      throw new ConfigurationException("a Frame.io project is required: set FRAMEIO_PROJECT_ID (or "
          + "FRAMEIO_ROOT_FOLDER_ID), or call projectId(...) or rootFolderId(...)");
    }
    Map<String, Path> watched = Settings.watchedRoots(roots, config);
    Workflow flow = workflow != null ? workflow : config.get("POSTFLOW_WORKFLOW").map(v -> {
      try {
        return Workflow.load(Path.of(v.text()));
      } catch (PostFlowException e) {
        throw new ConfigurationException(v.where() + ": " + e.getMessage(), e);
      }
    }).orElse(Workflow.standard());
    FrameRate rate = productionRate(config);
    Nomenclature names = nomenclature != null ? nomenclature : Settings.nomenclature(config);
    int workers = maxConcurrentUploads != null
        ? Settings.range("maxConcurrentUploads", maxConcurrentUploads, 1, 64)
        : config.integer("MAX_CONCURRENT_UPLOADS", 1, 64).orElse(3);
    int attempts = maxAttempts != null ? Settings.range("maxAttempts", maxAttempts, 1, 1000)
        : config.integer("POSTFLOW_MAX_ATTEMPTS", 1, 1000).orElse(8);
    Duration settle = Settings.positive("settleTime",
        settleTime != null ? settleTime : config.duration("POSTFLOW_SETTLE_TIME").orElse(Duration.ofSeconds(10)));
    Duration scan = Settings.atLeast("scanInterval",
        scanInterval != null ? scanInterval : config.duration("POSTFLOW_SCAN_INTERVAL").orElse(Duration.ofSeconds(30)),
        Duration.ofMillis(10));
    ShotRepository shotRepository = shots != null ? shots : openShotList(config, scan, flow, rate);
    Duration lease = Settings.atLeast("leaseLength",
        leaseLength != null ? leaseLength : config.duration("POSTFLOW_LEASE").orElse(Duration.ofMinutes(5)),
        Duration.ofSeconds(1));
    Settings.positive("retry baseDelay", retryBaseDelay);
    if (Settings.positive("retry maxDelay", retryMaxDelay).compareTo(retryBaseDelay) < 0) {
      throw new ConfigurationException("retry baseDelay (" + retryBaseDelay + ") cannot be greater than maxDelay ("
          + retryMaxDelay + ")");
    }
    Path journalPath = journalFile != null ? journalFile : config.path("POSTFLOW_JOURNAL")
        .orElseGet(Settings::defaultJournalFile);
    String agent = Settings.first(agentId, config.text("POSTFLOW_AGENT_ID")).orElseGet(Settings::defaultAgentId);
    Optional<SharedJournal> shared = journal != null ? Optional.empty() : SharedJournal.from(journalUrl, config);
    return new PostFlow(new PostFlowPlan(Optional.ofNullable(client), baseUri, auth, account, workspace, project,
        rootFolder, shotRepository, names, Optional.ofNullable(structure), Optional.ofNullable(uploader),
        waitForTranscode, Optional.ofNullable(journal), shared, journalPath.toAbsolutePath(), watched, settle, scan,
        notifySettings(config, project), listeners,
        Optional.ofNullable(cacheWarmer),
        new WorkSettings(agent, workers, lease, attempts, retryBaseDelay, retryMaxDelay,
            Settings.positive("idlePoll", idlePoll), Settings.positive("stackWait", stackWait), clock),
        Settings.positive("shutdownGrace", shutdownGrace), sleeper, Optional.ofNullable(meterRegistry),
        noAlerts ? Optional.empty() : alerts != null ? Optional.of(alerts) : AlertConfig.rules(config),
        flow, rate, Optional.ofNullable(reviewLoop)));
  }

  private NotifySettings notifySettings(ConfigValues config, Optional<String> project) {
    Duration window = notifyWindow != null ? notifyWindow
        : config.duration("POSTFLOW_NOTIFY_WINDOW").orElse(Duration.ofSeconds(60));
    if (window.isNegative() || window.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigurationException((notifyWindow != null ? "notifyWindow" : "POSTFLOW_NOTIFY_WINDOW")
          + " must be from 0 to 1 hour, was " + window);
    }
    int queue = notifyQueue != null ? Settings.range("notifyQueue", notifyQueue, 1, 1_000_000)
        : config.integer("POSTFLOW_NOTIFY_QUEUE", 1, 1_000_000).orElse(1000);
    return new NotifySettings(NotifyConfig.channels(notifiers, config, clock, sleeper), window, queue,
        Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(10), sleeper,
        NotifyConfig.fileLink(config, project));
  }

  /** The CSV shot list, looked at again for the production's edits as often as the renders. */
  private FrameRate productionRate(ConfigValues config) {
    return shotListRate != null ? shotListRate : config.get("POSTFLOW_SHOT_LIST_FPS").map(v -> {
      try {
        return FrameRate.parse(v.text());
      } catch (ConfigurationException e) {
        throw new ConfigurationException(v.where() + ": " + e.getMessage(), e);
      }
    }).orElse(FrameRate.FPS_25);
  }

  private ShotRepository openShotList(ConfigValues config, Duration checkInterval, Workflow flow,
      FrameRate rate) {
    Optional<Path> csv = Optional.ofNullable(shotList).or(() -> config.path("POSTFLOW_SHOT_LIST"));
    if (csv.isEmpty()) {
      throw new ConfigurationException("a shot list is required: set POSTFLOW_SHOT_LIST to the shot list CSV, "
          + "or call shotList(...) or shots(...)");
    }
    String where = shotList != null ? "shotList" : config.get("POSTFLOW_SHOT_LIST").get().where();
    if (!Files.isRegularFile(csv.get())) {
      throw new ConfigurationException(where + " names no file: " + csv.get().toAbsolutePath());
    }
    return CsvShotRepository.builder().file(csv.get()).reader(ShotListReader.builder().rate(rate).build())
        .workflow(flow).clock(clock).checkInterval(checkInterval).open();
  }

  static Path realDirectory(String where, Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new ConfigurationException(where + " must be an existing folder: " + folder.toAbsolutePath());
    }
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new ConfigurationException(where + " cannot be resolved: " + folder.toAbsolutePath() + " (" + e + ")", e);
    }
  }

  static Nomenclature defaultNomenclature(String pattern, String folderTemplate, String shotTemplate) {
    return Nomenclature.builder()
        .pattern(NamePattern.of("render", pattern))
        .folderTemplate(folderTemplate)
        .shotTemplate(shotTemplate)
        .build();
  }
}
