package io.postflow.production.shotlist;

import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotRepository;
import io.postflow.api.ShotStatus;
import io.postflow.api.UnknownShotException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShotRepository} over the production's CSV shot list. The CSV is read once and never
 * written; statuses live in a JSON side-file next to it ({@code <csv name>.postflow-status.json},
 * replaced atomically on every {@link #updateStatus}) and are read back by {@link #open}.
 *
 * <p>Thread-safe: lookups read an immutable snapshot and never block; updates are serialised and
 * return once the side-file is on disk. Nomenclature lookups ignore case, surrounding spaces, and
 * treat dashes and spaces as underscores: {@code undlm-00042} finds {@code UNDLM_00042}.
 *
 * <pre>{@code
 * CsvShotRepository shots = CsvShotRepository.open(Path.of("shots.csv"),
 *     ShotListReader.builder().rate(FrameRate.FPS_25).build());
 * shots.updateStatus("KRAK_00042", ShotStatus.REVIEW_UPLOADED);
 * }</pre>
 */
public final class CsvShotRepository implements ShotRepository {
  private static final Logger LOG = LoggerFactory.getLogger(CsvShotRepository.class);

  private final StatusFile statusFile;
  private final Object writeLock = new Object();
  private volatile Snapshot snapshot;

  private record Snapshot(ShotList list, Map<String, Integer> byNomenclature, Map<String, Integer> byNumber) {
    static Snapshot of(ShotList list) {
      Map<String, Integer> byNomenclature = new HashMap<>();
      Map<String, Integer> byNumber = new HashMap<>();
      for (int i = 0; i < list.shots().size(); i++) {
        Shot shot = list.shots().get(i);
        int index = i;
        shot.nomenclature().ifPresent(n -> byNomenclature.putIfAbsent(Names.nomenclatureKey(n), index));
        byNumber.putIfAbsent(shot.number(), index);
      }
      return new Snapshot(list, byNomenclature, byNumber);
    }
  }

  private CsvShotRepository(StatusFile statusFile, ShotList list) {
    this.statusFile = statusFile;
    this.snapshot = Snapshot.of(list);
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
    StatusFile statusFile = new StatusFile(csv);
    Map<String, ShotStatus> statuses = new HashMap<>();
    statusFile.load().forEach((k, v) -> statuses.put(Names.nomenclatureKey(k), v));
    ShotList list = reader.read(ShotListReader.readBytes(csv), String.valueOf(csv.getFileName()), statuses);
    return new CsvShotRepository(statusFile, list);
  }

  /** The list as read, with current statuses: statistics, normalisations, warnings. */
  public ShotList shotList() {
    return snapshot.list();
  }

  /** Where statuses are persisted. */
  public Path statusFile() {
    return statusFile.path();
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

  /**
   * {@inheritDoc}
   *
   * <p>Blocks until the side-file is replaced and on disk. When writing fails (a full or read-only
   * disk) nothing changes: neither the side-file, which keeps its last good content, nor the
   * status this repository returns.
   *
   * @throws io.postflow.api.LocalFileException naming the side-file when it cannot be written
   */
  @Override
  public Shot updateStatus(String nomenclature, ShotStatus status) {
    Objects.requireNonNull(status, "status");
    synchronized (writeLock) {
      Snapshot s = snapshot;
      Integer index = s.byNomenclature().get(Names.nomenclatureKey(nomenclature));
      if (index == null) {
        throw new UnknownShotException(nomenclature, s.list().source());
      }
      List<Shot> shots = new ArrayList<>(s.list().shots());
      Shot updated = Shot.builder().from(shots.get(index)).status(status).build();
      shots.set(index, updated);
      Map<String, ShotStatus> statuses = new HashMap<>();
      for (Shot shot : shots) {
        if (shot.status() != ShotStatus.PENDING) {
          shot.nomenclature().ifPresent(n -> statuses.put(n, shot.status()));
        }
      }
      statusFile.save(statuses);
      snapshot = Snapshot.of(s.list().withShots(shots));
      LOG.debug("{}: {} -> {}", s.list().source(), updated.nomenclature().orElse(""), status);
      return updated;
    }
  }
}
