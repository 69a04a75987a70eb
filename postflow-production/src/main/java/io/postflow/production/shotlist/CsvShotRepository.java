package io.postflow.production.shotlist;

import io.postflow.api.ConfigurationException;
import io.postflow.api.PostFlowException;
import io.postflow.api.Shot;
import io.postflow.api.ShotRepository;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.api.UnknownShotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.postflow.production.workflow.Progress;
import io.postflow.production.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShotRepository} over the production's CSV shot list. The CSV is read once and never
 * written; statuses live in a JSON side-file next to it ({@code <csv name>.postflow-status.json},
 * replaced atomically on every {@link #updateStatus}) and are read back by {@link #open}.
 *
 * <p>The production edits the CSV while the pipeline runs: {@link #reloadIfDue()} (called by the
 * pipeline's idle workers) notices a change of size, modification time or content and reloads the
 * list, every status kept (statuses of shots the edit removed are kept too, for when they come
 * back). An edit that cannot be read (cut off, a missing column) keeps the last good list and is
 * warned about once, naming the line. See {@link ReloadableShotRepository}.
 *
 * <p>Every status change is checked against a {@link Workflow} and kept in the shot's history
 * (its last {@value #MAX_HISTORY} changes), persisted in the side-file with the statuses; status
 * files of PostFlow's first format (the old status enum) are migrated when read.
 *
 * <p>Thread-safe: lookups read an immutable snapshot and never block or do I/O; updates and
 * reloads are serialised, and updates return once the side-file is on disk. Nomenclature lookups ignore case, surrounding spaces, and
 * treat dashes and spaces as underscores: {@code undlm-00042} finds {@code UNDLM_00042}.
 *
 * <pre>{@code
 * CsvShotRepository shots = CsvShotRepository.open(Path.of("shots.csv"),
 *     ShotListReader.builder().rate(FrameRate.FPS_25).build());
 * shots.updateStatus("KRAK_00042", ShotStatus.REVIEW_UPLOADED);
 * }</pre>
 */
public final class CsvShotRepository extends IndexedShotRepository {
  private static final Logger LOG = LoggerFactory.getLogger(CsvShotRepository.class);
  /** How often {@link #reloadIfDue()} looks at the file by default. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(2);
  /** Changes kept per shot: the oldest go first, so the side-file stays small over a long production. */
  static final int MAX_HISTORY = 200;

  private final Path csv;
  private final ShotListReader reader;
  private final StatusFile statusFile;
  private final Workflow workflow;
  private final Clock clock;
  private final Duration checkInterval;
  private final Object writeLock = new Object();
  private volatile Snapshot snapshot;
  /** Statuses of shots the last reload no longer found, by nomenclature as written; under writeLock. */
  private Map<String, ShotStatus> absentStatuses = new HashMap<>();
  /** The file as last looked at; under writeLock. */
  private FileState seen;
  /** The content hash of the file as last loaded; under writeLock. */
  private byte[] loadedHash;
  /** The content hash of the last content that could not be read (warned once); under writeLock. */
  private byte[] badHash;
  private volatile long lastCheckMillis;
  /** Why the file on disk is not the list served, when it is not; null when it is. */
  private volatile String reloadProblem;
  /** Warnings logged about edits that could not be read (tests check "once"). */
  private int problemsLogged;

  /** Size and modification time: a cheap look that tells whether to read the content again. */
  private record FileState(long size, long modifiedMillis) {}

  /** The list, its index and every shot's history, by nomenclature as written. */
  private record Snapshot(ShotList list, ShotIndex index, Map<String, List<StatusChange>> history) {
    static Snapshot of(ShotList list, Map<String, List<StatusChange>> history) {
      return new Snapshot(list, ShotIndex.of(list.shots()), Map.copyOf(history));
    }
  }

  private CsvShotRepository(Builder b, StatusFile statusFile, ShotList list,
      Map<String, List<StatusChange>> history, FileState state, byte[] hash) {
    this.csv = b.file;
    this.reader = b.reader;
    this.workflow = b.workflow;
    this.clock = b.clock;
    this.checkInterval = b.checkInterval;
    this.statusFile = statusFile;
    this.snapshot = Snapshot.of(list, history);
    this.seen = state;
    this.loadedHash = hash;
    this.lastCheckMillis = clock.millis();
  }

  /** A builder: the file and the reader are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the shot list and its status side-file, when there is one, after deleting the temporary
   * files that interrupted writes of the side-file left beside it.
   *
   * @throws io.postflow.api.LocalFileException when the CSV cannot be read
   * @throws io.postflow.api.LocalFileException when the side-file cannot be read
   * @throws io.postflow.api.InvalidInputException when the CSV or the side-file is invalid
   */
  public static CsvShotRepository open(Path csv, ShotListReader reader) {
    return builder().file(csv).reader(reader).open();
  }

  private static CsvShotRepository open(Builder b) {
    StatusFile statusFile = new StatusFile(b.file, b.workflow);
    StatusFile.Content content = statusFile.load();
    Map<String, ShotStatus> saved = content.statuses();
    Map<String, ShotStatus> statuses = new HashMap<>();
    saved.forEach((k, v) -> statuses.put(Names.nomenclatureKey(k), v));
    FileState state = state(b.file).orElse(null);
    byte[] bytes = ShotListReader.readBytes(b.file);
    ShotList list = b.reader.read(bytes, String.valueOf(b.file.getFileName()), statuses, b.workflow.initial());
    CsvShotRepository repository = new CsvShotRepository(b, statusFile, list, content.history(), state,
        sha256(bytes));
    // Statuses of shots not in the list now are kept for when an edit brings them back.
    saved.forEach((nomenclature, status) -> {
      if (repository.findByNomenclature(nomenclature).isEmpty()) {
        repository.absentStatuses.put(nomenclature, status);
      }
    });
    return repository;
  }

  @Override
  public ShotList shotList() {
    return snapshot.list();
  }

  @Override
  protected ShotIndex index() {
    return snapshot.index();
  }

  /** Where statuses are persisted. */
  public Path statusFile() {
    return statusFile.path();
  }

  /** The workflow every change is checked against. */
  public Workflow workflow() {
    return workflow;
  }

  /** The whole production's progress (the dashboard's numbers). */
  public Progress progress() {
    return workflow.progress(shots());
  }

  /** Progress per scene, by scene number in order of first appearance. */
  public Map<Integer, Progress> progressByScene() {
    return workflow.progressByScene(shots());
  }

  @Override
  public List<StatusChange> history(String nomenclature) {
    Snapshot s = snapshot;
    OptionalInt index = s.index().indexOf(nomenclature);
    if (index.isEmpty()) {
      return List.of();
    }
    String key = s.list().shots().get(index.getAsInt()).nomenclature().orElse("");
    return s.history().getOrDefault(key, List.of());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Recorded as a change by a {@link StatusChange.Source#PERSON person} whose name is not known;
   * {@link #updateStatus(String, ShotStatus, StatusChange.Source, String)} says who.
   */
  @Override
  public Shot updateStatus(String nomenclature, ShotStatus status) {
    return updateStatus(nomenclature, status, StatusChange.Source.PERSON, null);
  }





  /**
   * {@inheritDoc}
   *
   * <p>Blocks until the side-file is replaced and on disk. When the workflow refuses the move, or
   * writing fails (a full or read-only disk), nothing changes: neither the side-file, which keeps
   * its last good content, nor the status and history this repository returns.
   *
   * @throws io.postflow.api.IllegalTransitionException naming both statuses when the workflow does
   *     not allow the move
   * @throws io.postflow.api.LocalFileException naming the side-file when it cannot be written
   */
  @Override
  public Shot updateStatus(String nomenclature, ShotStatus status, StatusChange.Source source, String actor) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    synchronized (writeLock) {
      Snapshot s = snapshot;
      int index = s.index().indexOf(nomenclature)
          .orElseThrow(() -> new UnknownShotException(nomenclature, s.list().source()));
      List<Shot> shots = new ArrayList<>(s.list().shots());
      Shot current = shots.get(index);
      String key = current.nomenclature().orElseThrow();
      if (current.status().equals(status)) {
        return current;
      }
      workflow.check(key, current.status(), status);
      Shot updated = Shot.builder().from(current).status(status).build();
      shots.set(index, updated);
      Map<String, ShotStatus> statuses = new HashMap<>(absentStatuses);
      for (Shot shot : shots) {
        if (!shot.status().equals(workflow.initial())) {
          shot.nomenclature().ifPresent(n -> statuses.put(n, shot.status()));
        }
      }
      Map<String, List<StatusChange>> history = new HashMap<>(s.history());
      List<StatusChange> changes = new ArrayList<>(history.getOrDefault(key, List.of()));
      changes.add(StatusChange.builder().shot(key).from(current.status()).to(status).at(clock.instant())
          .source(source).actor(Optional.ofNullable(actor)).build());
      if (changes.size() > MAX_HISTORY) {
        changes.subList(0, changes.size() - MAX_HISTORY).clear();
      }
      history.put(key, List.copyOf(changes));
      statusFile.save(statuses, history);
      snapshot = Snapshot.of(s.list().withShots(shots), history);
      LOG.debug("{}: {} {} -> {} ({})", s.list().source(), key, current.status(), status,
          source.name().toLowerCase(Locale.ROOT));
      return updated;
    }
  }

  /** {@inheritDoc} The interval is the builder's {@code checkInterval}, on its clock. */
  @Override
  public boolean reloadIfDue() {
    long now = clock.millis();
    if (now - lastCheckMillis < checkInterval.toMillis()) {
      return false;
    }
    return reloadIfChanged();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the file again only when its size or modification time changed, and reloads only
   * when its content did (a save without a change is no reload).
   */
  @Override
  public boolean reloadIfChanged() {
    ShotList reloaded;
    synchronized (writeLock) {
      lastCheckMillis = clock.millis();
      Optional<FileState> now = state(csv);
      if (now.isEmpty()) {
        seen = null;
        warnOnce(new byte[0], csv + " is gone (moved, or being saved); keeping the last list read");
        return false;
      }
      if (now.get().equals(seen)) {
        return false;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(csv);
      } catch (IOException e) {
        LOG.warn("Cannot read {} again ({}); keeping the last list read", csv, e.getMessage());
        return false;
      }
      seen = now.get();
      byte[] hash = sha256(bytes);
      if (Arrays.equals(hash, loadedHash)) {
        badHash = null;
        reloadProblem = null;
        return false;
      }
      if (Arrays.equals(hash, badHash)) {
        return false;
      }
      reloaded = reload(bytes, hash);
    }
    if (reloaded == null) {
      return false;
    }
    tellReloadListeners();
    return true;
  }

  /** Reads the new content with the statuses known; null when it cannot be read. Under writeLock. */
  private ShotList reload(byte[] bytes, byte[] hash) {
    Snapshot old = snapshot;
    Map<String, ShotStatus> statuses = new HashMap<>();
    absentStatuses.forEach((n, st) -> statuses.put(Names.nomenclatureKey(n), st));
    Map<String, String> written = new HashMap<>();
    absentStatuses.keySet().forEach(n -> written.put(Names.nomenclatureKey(n), n));
    for (Shot shot : old.list().shots()) {
      shot.nomenclature().ifPresent(n -> {
        if (!shot.status().equals(workflow.initial())) {
          statuses.put(Names.nomenclatureKey(n), shot.status());
          written.put(Names.nomenclatureKey(n), n);
        }
      });
    }
    int openQuote = unclosedQuoteLine(bytes);
    if (openQuote > 0) {
      // The first read of a list accepts a cut-off last row with a warning; an edit that ends
      // inside quotes is a save still in progress (or a stray quote): never serve half of it.
      warnOnce(hash, "The edited shot list " + csv + " cannot be read, keeping the last good list ("
          + old.list().shots().size() + " shots): " + csv.getFileName() + ":" + openQuote
          + ": a quoted cell opened on line " + openQuote + " is never closed (the file is cut off,"
          + " still being saved, or has a stray '\"')");
      return null;
    }
    ShotList list;
    try {
      list = reader.read(bytes, String.valueOf(csv.getFileName()), statuses, workflow.initial());
    } catch (PostFlowException | UncheckedIOException | IllegalArgumentException e) {
      warnOnce(hash, "The edited shot list " + csv + " cannot be read, keeping the last good list ("
          + old.list().shots().size() + " shots): " + e.getMessage());
      return null;
    }
    Snapshot next = Snapshot.of(list, old.history()); // histories are kept by nomenclature
    Map<String, ShotStatus> absent = new HashMap<>();
    statuses.forEach((key, status) -> {
      if (!next.index().hasKey(key)) {
        absent.put(written.get(key), status);
      }
    });
    snapshot = next;
    absentStatuses = absent;
    loadedHash = hash;
    badHash = null;
    reloadProblem = null;
    LOG.info("Reloaded the edited shot list {}: {} shots (was {}), {} warning(s)", csv,
        list.shots().size(), old.list().shots().size(), list.warnings().size());
    return list;
  }

  /**
   * The line on which a quoted cell opens that the content never closes, or 0 when every quote is
   * closed. CSV doubles a quote inside a quoted cell, so quotes simply toggle; '"' and line feeds
   * are single bytes in every charset the reader takes.
   */
  private static int unclosedQuoteLine(byte[] bytes) {
    boolean quoted = false;
    int line = 1;
    int openedOn = 0;
    for (byte b : bytes) {
      if (b == '"') {
        quoted = !quoted;
        if (quoted) {
          openedOn = line;
        }
      } else if (b == '\n') {
        line++;
      }
    }
    return quoted ? openedOn : 0;
  }

  private void warnOnce(byte[] hash, String message) {
    reloadProblem = message;
    if (!Arrays.equals(hash, badHash)) {
      badHash = hash;
      problemsLogged++;
      LOG.warn("{}", message);
    }
  }

  /**
   * Why the CSV on disk is not the list this repository serves (an edit that cannot be read, a
   * file that is gone), naming the file and line; empty when the last look found it readable.
   */
  public Optional<String> reloadProblem() {
    return Optional.ofNullable(reloadProblem);
  }

  int problemsLogged() {
    synchronized (writeLock) {
      return problemsLogged;
    }
  }



  private static Optional<FileState> state(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new FileState(a.size(), a.lastModifiedTime().toMillis()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("Cannot look at {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Builds and opens a {@link CsvShotRepository}; not thread-safe. */
  public static final class Builder {
    private Path file;
    private ShotListReader reader;
    private Workflow workflow = Workflow.standard();
    private Clock clock = Clock.systemUTC();
    private Duration checkInterval = DEFAULT_CHECK_INTERVAL;

    private Builder() {}

    /** Required: the shot list CSV. */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    /** The workflow every change is checked against; default {@link Workflow#standard()}. */
    public Builder workflow(Workflow workflow) {
      this.workflow = Objects.requireNonNull(workflow, "workflow");
      return this;
    }

    /** Required: how the CSV is read (rate, columns). */
    public Builder reader(ShotListReader reader) {
      this.reader = reader;
      return this;
    }

    /**
     * The clock {@link CsvShotRepository#reloadIfDue()} measures the check interval on and history
     * is dated by; default the system's.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How often {@link CsvShotRepository#reloadIfDue()} looks at the file; default {@link CsvShotRepository#DEFAULT_CHECK_INTERVAL};
     * zero looks every time.
     */
    public Builder checkInterval(Duration checkInterval) {
      this.checkInterval = checkInterval;
      return this;
    }

    /**
     * Reads the shot list and its status side-file, as {@link CsvShotRepository#open}.
     *
     * @throws ConfigurationException naming the setting that is missing or negative
     */
    public CsvShotRepository open() {
      if (file == null) {
        throw new ConfigurationException("'file' is required: the shot list CSV");
      }
      if (reader == null) {
        throw new ConfigurationException("'reader' is required: how to read " + file);
      }
      if (clock == null) {
        throw new ConfigurationException("'clock' must not be null");
      }
      if (checkInterval == null || checkInterval.isNegative()) {
        throw new ConfigurationException("'checkInterval' must be zero or positive, was " + checkInterval);
      }
      return CsvShotRepository.open(this);
    }
  }
}
