package io.postflow.production.shotlist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.production.timecode.Timecode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link ShotList} in the formats the first version of the system produced:
 *
 * <ul>
 *   <li>{@code shots_detailed.json}: statistics, scenes, every shot with every field, the
 *       normalisations and the warnings;
 *   <li>{@code shots_after_effects.json}: for scripts in After Effects, one entry per shot with a
 *       nomenclature ({@code nomenclature, scene, sourceFile, timelineIn, timelineOut, duration,
 *       durationFrames});
 *   <li>{@code shots_production.csv}: {@code NOMENCLATURE,SHOT_NUMBER,SCENE,TIMELINE_IN,
 *       TIMELINE_OUT,DURATION,SOURCE_FILE,IS_DUPLICATE,READY_FOR_EDIT};
 *   <li>{@code shots_flat.csv}: every original column, then PostFlow's computed ones;
 *   <li>{@code scenes/SCnn_SLUG.json}: one file per scene with its shots.
 * </ul>
 *
 * CSVs are UTF-8 with a BOM (so spreadsheets show the accents) and CRLF. Durations are written as
 * non-drop timecodes and as frame counts. Thread-safe; the write methods block on file I/O and
 * throw {@link UncheckedIOException} when a file cannot be written.
 */
public final class ShotListExporter {
  private static final Logger LOG = LoggerFactory.getLogger(ShotListExporter.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> TRUE = Set.of("TRUE", "VRAI", "YES", "OUI", "1", "X");
  static final List<String> PRODUCTION_HEADERS = List.of("NOMENCLATURE", "SHOT_NUMBER", "SCENE",
      "TIMELINE_IN", "TIMELINE_OUT", "DURATION", "SOURCE_FILE", "IS_DUPLICATE", "READY_FOR_EDIT");

  private final ShotList list;

  private ShotListExporter(ShotList list) {
    this.list = list;
  }

  /** An exporter for {@code list} (use {@link CsvShotRepository#shotList()} for current statuses). */
  public static ShotListExporter of(ShotList list) {
    return new ShotListExporter(list);
  }

  /**
   * Writes all five exports into {@code dir} (created when missing) and returns the files written.
   * All or nothing: the exports are written into a temporary folder beside {@code dir} and moved
   * into place only when every one was written, so a full disk or a bad path never leaves half a
   * set beside an older one; the temporary folder is removed either way.
   *
   * @throws UncheckedIOException naming the file when one cannot be written or moved; {@code dir}
   *     is then as it was
   */
  public List<Path> writeAll(Path dir) {
    Path target = dir.toAbsolutePath();
    Path staging;
    try {
      Files.createDirectories(target.getParent());
      staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the exports beside " + target + ": " + e.getMessage(), e);
    }
    try {
      List<Path> staged = new ArrayList<>();
      staged.add(writeDetailedJson(staging.resolve("shots_detailed.json")));
      staged.add(writeAfterEffectsJson(staging.resolve("shots_after_effects.json")));
      staged.add(writeProductionCsv(staging.resolve("shots_production.csv")));
      staged.add(writeFlatCsv(staging.resolve("shots_flat.csv")));
      staged.addAll(writeSceneJsons(staging.resolve("scenes")));
      List<Path> written = moveInto(staging, staged, target);
      LOG.debug("{}: wrote {} export files to {}", list.source(), written.size(), dir);
      return written;
    } finally {
      deleteQuietly(staging);
    }
  }

  /**
   * Moves the staged files to the same place under {@code target}. Every folder is made and every
   * destination checked first, so a move only fails for reasons no check can foresee.
   */
  private static List<Path> moveInto(Path staging, List<Path> staged, Path target) {
    List<Path> destinations = new ArrayList<>();
    for (Path file : staged) {
      Path destination = target.resolve(staging.relativize(file).toString());
      try {
        Files.createDirectories(destination.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + destination + ": " + e.getMessage(), e);
      }
      if (Files.isDirectory(destination)) {
        throw new UncheckedIOException(new IOException("cannot write " + destination
            + ": a folder of that name is in the way"));
      }
      destinations.add(destination);
    }
    for (int i = 0; i < staged.size(); i++) {
      try {
        // Same folder, same file system: a rename, so each file appears whole.
        Files.move(staged.get(i), destinations.get(i), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot move " + destinations.get(i) + " into place: "
            + e.getMessage(), e);
      }
    }
    return destinations;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not remove the temporary export folder {}: {}", dir, e.toString());
    }
  }

  /** Statistics, scenes, shots, normalisations, warnings. */
  public Path writeDetailedJson(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", list.source()).put("rate", new java.math.BigDecimal(list.rate().toString()));
    root.set("statistics", JSON.valueToTree(StatisticsJson.of(list.statistics(), list.rate())));
    ArrayNode scenes = root.putArray("scenes");
    list.scenes().forEach(s -> scenes.add(sceneNode(s)));
    ArrayNode shots = root.putArray("shots");
    list.shots().forEach(s -> shots.add(shotNode(s)));
    ArrayNode normalisations = root.putArray("normalisations");
    for (Normalisation n : list.normalisations()) {
      ObjectNode node = normalisations.addObject().put("column", n.header()).put("raw", n.raw())
          .put("normalised", n.normalised()).put("reason", n.reason());
      n.lines().forEach(node.putArray("lines")::add);
    }
    ArrayNode warnings = root.putArray("warnings");
    list.warnings().forEach(w -> warnings.addObject().put("line", w.line()).put("column", w.header())
        .put("message", w.message()));
    return writeJson(file, root);
  }

  /** One entry per shot that has a nomenclature, in list order. */
  public Path writeAfterEffectsJson(Path file) {
    ArrayNode root = JSON.createArrayNode();
    for (Shot shot : list.shots()) {
      if (shot.nomenclature().isEmpty()) {
        continue;
      }
      ObjectNode node = root.addObject().put("nomenclature", shot.nomenclature().get())
          .put("scene", shot.scene().name()).put("sourceFile", shot.sourceName().orElse(null))
          .put("timelineIn", shot.recordIn().orElse(null)).put("timelineOut", shot.recordOut().orElse(null));
      node.put("duration", duration(shot));
      node.put("durationFrames", shot.durationFrames().orElse(null));
    }
    return writeJson(file, root);
  }

  /** The production's CSV. */
  public Path writeProductionCsv(Path file) {
    CsvWriter csv = new CsvWriter().row(PRODUCTION_HEADERS);
    for (Shot shot : list.shots()) {
      csv.row(List.of(shot.nomenclature().orElse(""), shot.number(), shot.scene().name(),
          shot.recordIn().orElse(""), shot.recordOut().orElse(""), orEmpty(duration(shot)),
          shot.sourceName().orElse(""), bool(shot.duplicateMarked()), bool(readyForEdit(shot))));
    }
    return writeCsv(file, csv);
  }

  /** Every original column, then SCENE_NUMBER, SCENE_NORMALISED, SCENE_SLUG, SOURCE_NORMALISED,
   * DURATION_FRAMES, STATUS, LINE. */
  public Path writeFlatCsv(Path file) {
    List<String> headers = new ArrayList<>(list.headers());
    headers.addAll(List.of("SCENE_NUMBER", "SCENE_NORMALISED", "SCENE_SLUG", "SOURCE_NORMALISED",
        "DURATION_FRAMES", "STATUS", "LINE"));
    CsvWriter csv = new CsvWriter().row(headers);
    for (Shot shot : list.shots()) {
      List<String> row = new ArrayList<>();
      list.headers().forEach(h -> row.add(shot.columns().getOrDefault(h, "")));
      row.addAll(List.of(Integer.toString(shot.scene().number()), shot.scene().name(),
          shot.scene().slug(), shot.sourceName().orElse(""),
          shot.durationFrames().map(String::valueOf).orElse(""), shot.status().name(),
          Integer.toString(shot.line())));
      csv.row(row);
    }
    return writeCsv(file, csv);
  }

  /** One JSON per scene, named {@code SC01_PHARE_NUIT.json}, into {@code dir}. */
  public List<Path> writeSceneJsons(Path dir) {
    List<Path> written = new ArrayList<>();
    for (SceneDuration sd : list.statistics().perScene()) {
      Scene scene = sd.scene();
      ObjectNode root = JSON.createObjectNode();
      root.set("scene", sceneNode(scene));
      root.put("shotCount", sd.shots()).put("durationFrames", sd.frames())
          .put("duration", Timecode.ofFrames(sd.frames(), list.rate(), false).toString());
      ArrayNode shots = root.putArray("shots");
      list.shots().stream().filter(s -> s.scene().number() == scene.number())
          .forEach(s -> shots.add(shotNode(s)));
      written.add(writeJson(dir.resolve(String.format(Locale.ROOT, "SC%02d_%s.json", scene.number(),
          scene.slug())), root));
    }
    return written;
  }

  private ObjectNode shotNode(Shot shot) {
    ObjectNode node = JSON.createObjectNode().put("number", shot.number())
        .put("nomenclature", shot.nomenclature().orElse(null));
    node.set("scene", sceneNode(shot.scene()));
    node.put("recordIn", shot.recordIn().orElse(null)).put("recordOut", shot.recordOut().orElse(null))
        .put("duration", duration(shot)).put("durationFrames", shot.durationFrames().orElse(null))
        .put("sourceIn", list.raw(shot, Column.SOURCE_IN).orElse(null))
        .put("sourceOut", list.raw(shot, Column.SOURCE_OUT).orElse(null))
        .put("sourceName", shot.sourceName().orElse(null))
        .put("sourceNameRaw", list.raw(shot, Column.SOURCE_NAME).orElse(null))
        .put("duplicateMarked", shot.duplicateMarked())
        .put("readyForEdit", readyForEdit(shot))
        .put("status", shot.status().name()).put("line", shot.line());
    ObjectNode columns = node.putObject("columns");
    shot.columns().forEach(columns::put);
    return node;
  }

  private static ObjectNode sceneNode(Scene scene) {
    return JSON.createObjectNode().put("number", scene.number()).put("name", scene.name())
        .put("rawName", scene.rawName()).put("slug", scene.slug());
  }

  private String duration(Shot shot) {
    return shot.durationFrames().map(f -> Timecode.ofFrames(f, list.rate(), false).toString()).orElse(null);
  }

  private boolean readyForEdit(Shot shot) {
    boolean approved = shot.status().equals(ShotStatus.REVIEW_APPROVED)
        || shot.status().equals(ShotStatus.FINAL_DELIVERY);
    return approved || list.raw(shot, Column.READY_FOR_EDIT)
        .map(v -> TRUE.contains(v.strip().toUpperCase(Locale.ROOT))).orElse(false);
  }

  private static String bool(boolean b) {
    return b ? "TRUE" : "FALSE";
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Path writeJson(Path file, Object tree) {
    try {
      return write(file, JSON.writeValueAsBytes(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + file.getFileName(), e);
    }
  }

  private static Path writeCsv(Path file, CsvWriter csv) {
    return write(file, ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8));
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
