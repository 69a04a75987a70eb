package io.postflow.production.shotlist;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotRepository;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.api.UnknownShotException;
import io.postflow.production.workflow.Progress;
import io.postflow.production.workflow.Workflow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShotRepository} over the production's CSV shot list, checking every status change
 * against a {@link Workflow} and keeping each shot's history. The CSV is read once and never
 * written; statuses and histories live in a JSON side-file next to it
 * ({@code <csv name>.postflow-status.json}, replaced atomically on every change, see
 * {@code StatusFile}) and are read back by {@link #open}. Status files of PostFlow's first format
 * (the old status enum) are migrated when read.
 *
 * <p>Thread-safe: lookups read an immutable snapshot and never block; updates are serialised and
 * return once the side-file is on disk. Nomenclature lookups ignore case, surrounding spaces, and
 * treat dashes and spaces as underscores: {@code undlm-00042} finds {@code UNDLM_00042}. Each
 * shot keeps its last 200 changes ({@code MAX_HISTORY}).
 *
 * <pre>{@code
 * CsvShotRepository shots = CsvShotRepository.builder()
 *     .csv(Path.of("shots.csv"))
 *     .reader(ShotListReader.builder().rate(FrameRate.FPS_25).build())
 *     .workflow(Workflow.load(Path.of("workflow.json")))   // default Workflow.standard()
 *     .open();
 * shots.updateStatus("KRAK_00042", ShotStatus.AE_IN_PROGRESS, StatusChange.Source.PERSON, "maya");
 * shots.history("KRAK_00042");  // [pending -> ae_in_progress at ... by person maya]
 * }</pre>
 */
public final class CsvShotRepository implements ShotRepository {
  private static final Logger LOG = LoggerFactory.getLogger(CsvShotRepository.class);
  /** Changes kept per shot: the oldest go first, so the side-file stays small over a long production. */
  static final int MAX_HISTORY = 200;

  private final StatusFile statusFile;
  private final Workflow workflow;
  private final Clock clock;
  private final Object writeLock = new Object();
  private volatile Snapshot snapshot;

  private record Snapshot(ShotList list, Map<String, Integer> byNomenclature, Map<String, Integer> byNumber,
      Map<String, List<StatusChange>> history) {
    static Snapshot of(ShotList list, Map<String, List<StatusChange>> history) {
      Map<String, Integer> byNomenclature = new HashMap<>();
      Map<String, Integer> byNumber = new HashMap<>();
      for (int i = 0; i < list.shots().size(); i++) {
        Shot shot = list.shots().get(i);
        int index = i;
        shot.nomenclature().ifPresent(n -> byNomenclature.putIfAbsent(Names.nomenclatureKey(n), index));
        byNumber.putIfAbsent(shot.number(), index);
      }
      return new Snapshot(list, byNomenclature, byNumber, Map.copyOf(history));
    }
  }

  private CsvShotRepository(StatusFile statusFile, Workflow workflow, Clock clock, ShotList list,
      Map<String, List<StatusChange>> history) {
    this.statusFile = statusFile;
    this.workflow = workflow;
    this.clock = clock;
    this.snapshot = Snapshot.of(list, history);
  }

  /**
   * {@link #builder()} with the standard workflow and the system clock.
   *
   * @throws java.io.UncheckedIOException when the CSV cannot be read
   * @throws io.postflow.api.LocalFileException when the side-file cannot be read
   * @throws io.postflow.api.InvalidInputException when the CSV or the side-file is invalid
   */
  public static CsvShotRepository open(Path csv, ShotListReader reader) {
    return builder().csv(csv).reader(reader).open();
  }

  /** A builder: the CSV and its reader are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The list as read, with current statuses: statistics, normalisations, warnings. */
  public ShotList shotList() {
    return snapshot.list();
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
  public List<Shot> shots() {
    return snapshot.list().shots();
  }

  @Override
  public List<Scene> scenes() {
    return snapshot.list().scenes();
  }

  @Override
  public Optional<Shot> findByNomenclature(String nomenclature) {
    Snapshot s = snapshot;
    return Optional.ofNullable(s.byNomenclature().get(Names.nomenclatureKey(nomenclature)))
        .map(i -> s.list().shots().get(i));
  }

  @Override
  public Optional<Shot> findByNumber(String number) {
    Snapshot s = snapshot;
    return Optional.ofNullable(s.byNumber().get(number.strip())).map(i -> s.list().shots().get(i));
  }

  @Override
  public List<StatusChange> history(String nomenclature) {
    Snapshot s = snapshot;
    Integer index = s.byNomenclature().get(Names.nomenclatureKey(nomenclature));
    if (index == null) {
      return List.of();
    }
    String key = s.list().shots().get(index).nomenclature().orElse("");
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
      Integer index = s.byNomenclature().get(Names.nomenclatureKey(nomenclature));
      if (index == null) {
        throw new UnknownShotException(nomenclature, s.list().source());
      }
      List<Shot> shots = new ArrayList<>(s.list().shots());
      Shot current = shots.get(index);
      String key = current.nomenclature().orElseThrow();
      if (current.status().equals(status)) {
        return current;
      }
      workflow.check(key, current.status(), status);
      Shot updated = Shot.builder().from(current).status(status).build();
      shots.set(index, updated);
      Map<String, ShotStatus> statuses = new HashMap<>();
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

  /** Configures and opens a {@link CsvShotRepository}. Not thread-safe. */
  public static final class Builder {
    private Path csv;
    private ShotListReader reader;
    private Workflow workflow = Workflow.standard();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Required: the production's shot list. */
    public Builder csv(Path csv) {
      this.csv = csv;
      return this;
    }

    /** Required: how to read it (frame rate, columns). */
    public Builder reader(ShotListReader reader) {
      this.reader = reader;
      return this;
    }

    /** The workflow every change is checked against; default {@link Workflow#standard()}. */
    public Builder workflow(Workflow workflow) {
      this.workflow = Objects.requireNonNull(workflow, "workflow");
      return this;
    }

    /** The clock that dates history; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Reads the shot list and its status side-file, when there is one, after deleting the
     * temporary files that interrupted writes of the side-file left beside it.
     *
     * @throws io.postflow.api.ConfigurationException when the CSV or the reader is missing
     * @throws java.io.UncheckedIOException when the CSV cannot be read
     * @throws io.postflow.api.LocalFileException when the side-file cannot be read
     * @throws io.postflow.api.InvalidInputException when the CSV or the side-file is invalid, or
     *     the side-file holds a status the workflow does not have
     */
    public CsvShotRepository open() {
      if (csv == null) {
        throw new ConfigurationException("'csv' is required: the shot list file");
      }
      if (reader == null) {
        throw new ConfigurationException("'reader' is required: ShotListReader.builder()...build()");
      }
      StatusFile statusFile = new StatusFile(csv, workflow);
      StatusFile.Content content = statusFile.load();
      Map<String, ShotStatus> statuses = new HashMap<>();
      content.statuses().forEach((k, v) -> statuses.put(Names.nomenclatureKey(k), v));
      ShotList list = reader.read(ShotListReader.readBytes(csv), String.valueOf(csv.getFileName()), statuses,
          workflow.initial());
      return new CsvShotRepository(statusFile, workflow, clock, list, content.history());
    }
  }
}
