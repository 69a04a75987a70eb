package io.postflow.production.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.FolderPath;
import io.postflow.api.InvalidInputException;
import io.postflow.api.Scene;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of the name matcher: any file name (near misses of the production's pattern,
 * Unicode, control characters, very long names) gets a result with a reason when it does not
 * match, never an exception; a matched name renders to a valid folder or is refused naming the
 * file. {@code -Pfuzz} runs 100,000 cases.
 */
class NomenclatureFuzzTest {
  private static final Scene SCENE =
      Scene.builder().number(3).name("PORT AUBE").rawName("PORT - AUBE").slug("PORT_AUBE").build();
  private static final Nomenclature NAMES = Nomenclature.builder()
      .pattern(NamePattern.of("shot", "{project}_{shot}_v{version}.{extension}"))
      .pattern(NamePattern.of("sequence-shot", "{project}_{sequence}_{shot}_v{version}.{extension}"))
      .folderTemplate("WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}")
      .shotTemplate("{project}_{shot}")
      .build();

  @Property
  void anyName_getsAResult_andARejectionSaysWhy(@ForAll("fileNames") String fileName) {
    NameResult result = NAMES.parse(fileName);

    assertThat(result.fileName()).isEqualTo(fileName);
    if (result.isMatched()) {
      ParsedName parsed = result.parsed().orElseThrow();
      try {
        FolderPath folder = NAMES.folderFor(parsed, SCENE);
        assertThat(folder.toString()).startsWith("WIP_BYSHOT/SC03_PORT_AUBE/");
      } catch (InvalidInputException refused) {
        assertThat(refused.getMessage()).isNotBlank();
      }
      assertThat(NAMES.shotNomenclature(parsed)).isPresent();
    } else {
      assertThat(result.parsed()).isEmpty();
      assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
    }
  }

  @Provide
  Arbitrary<String> fileNames() {
    Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of("KRAK", "UNDLM", "krak", "", "A", "É", "K R"),
        Arbitraries.strings().alpha().numeric().ofMaxLength(8), Arbitraries.strings().ofMaxLength(6));
    Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999)
        .map(n -> String.format("%05d", n)), Arbitraries.of("", "0", "v", "00042a", "٤٢"));
    Arbitrary<String> version = Arbitraries.oneOf(Arbitraries.of("_v002", "_v2", "_V002", "_v", "v002",
        "_v-1", "_v99999999999999999999", ""), number.map(n -> "_v" + n));
    Arbitrary<String> extension = Arbitraries.of(".mov", ".MOV", ".mp4", ".", "", ".mov.tmp", ".exr",
        "..mov", ".mov ");
    Arbitrary<String> separator = Arbitraries.of("_", "_", "_", "-", " ", "", "__");
    return Arbitraries.oneOf(
        Combinators.combine(word, separator, number, version, extension)
            .as((w, s, n, v, e) -> w + s + n + v + e),
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10),
        Arbitraries.of(".DS_Store", "._KRAK_00042_v002.mov", "KRAK_00042_v002.mov~", "Thumbs.db", ""));
  }
}
