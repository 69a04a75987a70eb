package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.FolderPath;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.pipeline.Configuration;
import io.postflow.production.nomenclature.NameResult;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.nomenclature.ParsedName;
import io.postflow.production.shotlist.CsvShotRepository;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow nomenclature NAME}: how the pipeline reads a render's name with the configured
 * patterns: its parts, its shot, and (with the shot list) the Frame.io folder it goes to; or why it
 * does not match, with exit status 1.
 */
@Command(name = "nomenclature", mixinStandardHelpOptions = true,
    description = {"Show how a render name is read: its parts, its shot and its Frame.io folder.",
        "Exit status 1 when the name does not match the pattern (POSTFLOW_NAME_PATTERN)."})
final class NomenclatureCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Parameters(paramLabel = "NAME", description = "a file name, e.g. UNDLM_00042_v002.mov")
  String name;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    Configuration config = root.configuration();
    Nomenclature nomenclature = config.nomenclature();
    String fileName = Path.of(name).getFileName() == null ? name : Path.of(name).getFileName().toString();
    NameResult result = nomenclature.parse(fileName);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("name", fileName);
    out.put("pattern", config.text("POSTFLOW_NAME_PATTERN").orElse(io.postflow.pipeline.PostFlowBuilder.DEFAULT_NAME_PATTERN));
    if (!result.isMatched()) {
      out.put("matched", false);
      out.put("ignorable", result.isIgnorable());
      out.put("reason", result.reason().orElse("does not match the pattern"));
      if (json) {
        root.session.out.println(Json.pretty(out));
      } else {
        root.session.out.println(fileName + ": does not match - " + out.get("reason").asText());
        if (result.isIgnorable()) {
          root.session.out.println("  (a name the watcher ignores anyway: temporary or hidden file)");
        }
      }
      return ExitCodes.FAILED;
    }
    ParsedName parsed = result.parsed().orElseThrow();
    out.put("matched", true);
    ObjectNode parts = out.putObject("parts");
    parsed.parts().forEach(parts::put);
    Optional<String> shot = nomenclature.shotNomenclature(parsed);
    shot.ifPresent(s -> out.put("shot", s));
    Optional<String> folderNote = Optional.empty();
    Optional<FolderPath> folder = Optional.empty();
    Optional<Path> shotList = config.text("POSTFLOW_SHOT_LIST").map(Path::of);
    if (shotList.isEmpty()) {
      folderNote = Optional.of("set POSTFLOW_SHOT_LIST to see the Frame.io folder (it needs the shot's scene)");
    } else if (shot.isPresent()) {
      FrameRate rate = config.text("POSTFLOW_SHOT_LIST_FPS").map(FrameRate::parse).orElse(FrameRate.FPS_25);
      CsvShotRepository shots = CsvShotRepository.open(shotList.get(), ShotListReader.builder().rate(rate).build());
      Optional<Shot> known = shots.findByNomenclature(shot.get());
      if (known.isEmpty()) {
        folderNote = Optional.of("shot " + shot.get() + " is not in the shot list " + shotList.get()
            + ": the pipeline would quarantine this render");
      } else {
        Scene scene = known.get().scene();
        folder = Optional.of(nomenclature.folderFor(parsed, scene));
        out.put("scene", scene.number());
        out.put("scene_name", scene.name());
      }
    }
    folder.ifPresent(f -> out.put("folder", f.toString()));
    folderNote.ifPresent(n -> out.put("note", n));
    if (json) {
      root.session.out.println(Json.pretty(out));
    } else {
      root.session.out.println(fileName + ": matches");
      parsed.parts().forEach((k, v) -> root.session.out.printf("  %-10s %s%n", k, v));
      shot.ifPresent(s -> root.session.out.printf("  %-10s %s%n", "of shot", s));
      folder.ifPresent(f -> root.session.out.printf("  %-10s %s%n", "folder", f));
      folderNote.ifPresent(n -> root.session.out.println("  note: " + n));
    }
    return ExitCodes.OK;
  }
}
