package io.postflow.production.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.Scene;
import io.postflow.production.nomenclature.NameResult.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NomenclatureTest {
  private static final String TEMPLATE = "WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}";
  private static final Scene SCENE =
      Scene.builder().number(3).name("PORT AUBE").rawName("PORT - AUBE").slug("PORT_AUBE").build();

  private static Nomenclature.Builder production() {
    return Nomenclature.builder()
        .pattern(NamePattern.of("shot", "{project}_{shot}_v{version}.{extension}"))
        .pattern(NamePattern.of("sequence-shot", "{project}_{sequence}_{shot}_v{version}.{extension}"))
        .pattern(NamePattern.of("sequence-render", "{sequence}_{project}_v{version}.{extension}"));
  }

  @Test
  void parse_fixtureTable_shotName() {
    ParsedName name = production().build().parse("KRAK_00042_v002.mov").parsed().orElseThrow();
    assertThat(name.pattern()).isEqualTo("shot");
    assertThat(name.project()).contains("KRAK");
    assertThat(name.shot()).contains("00042");
    assertThat(name.version()).hasValue(2);
    assertThat(name.extension()).contains("mov");
    assertThat(name.sequence()).isEmpty();
  }

  @Test
  void parse_fixtureTable_sequenceAndShot() {
    ParsedName name = production().build().parse("KRAK_SQ03_00042_v002.mp4").parsed().orElseThrow();
    assertThat(name.pattern()).isEqualTo("sequence-shot");
    assertThat(name.project()).contains("KRAK");
    assertThat(name.sequence()).contains("SQ03");
    assertThat(name.shot()).contains("00042");
    assertThat(name.version()).hasValue(2);
  }

  @Test
  void parse_fixtureTable_wholeSequenceRender() {
    ParsedName name = production().build().parse("SQ03_KRAK_v004.mov").parsed().orElseThrow();
    assertThat(name.pattern()).isEqualTo("sequence-render");
    assertThat(name.sequence()).contains("SQ03");
    assertThat(name.project()).contains("KRAK");
    assertThat(name.version()).hasValue(4);
    assertThat(name.shot()).isEmpty();
  }

  @Test
  void parse_lowerCaseName_matchesOnlyWhenCaseInsensitive() {
    assertThat(production().build().parse("krak_00042_v002.MOV").kind()).isEqualTo(Kind.UNMATCHED);
    NameResult result = production().caseSensitive(false).build().parse("krak_00042_v002.MOV");
    assertThat(result.kind()).isEqualTo(Kind.MATCHED);
    assertThat(result.parsed().orElseThrow().project()).contains("krak");
  }

  @Test
  void parse_temporaryAndSidecarNames_areRecognisedNotMatched() {
    Nomenclature names = production().build();
    assertThat(names.parse("KRAK_00042_v002.mov.part").kind()).isEqualTo(Kind.TEMPORARY);
    assertThat(names.parse(".~lock.KRAK_00042_v002.mov#").kind()).isEqualTo(Kind.TEMPORARY);
    assertThat(names.parse("._KRAK_00042_v002.mov").kind()).isEqualTo(Kind.SIDECAR);
    assertThat(names.parse(".DS_Store").kind()).isEqualTo(Kind.SIDECAR);
    assertThat(names.parse("._KRAK_00042_v002.mov").isIgnorable()).isTrue();
    assertThat(names.parse("._KRAK_00042_v002.mov").reason()).hasValueSatisfying(
        r -> assertThat(r).contains("AppleDouble"));
  }

  @Test
  void parse_missingVersion_reportsClosestPatternAndWhereItStopped() {
    NameResult result = production().build().parse("KRAK_00042.mov");
    assertThat(result.kind()).isEqualTo(Kind.UNMATCHED);
    assertThat(result.parsed()).isEmpty();
    assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("closest is 'shot'").contains("character 11").contains("('.mov')")
        .contains("expecting '_v'"));
  }

  @Test
  void parse_versionWithLetter_reportsVersionPart() {
    NameResult result = production().build().parse("KRAK_00042_v2b.mov");
    assertThat(result.kind()).isEqualTo(Kind.UNMATCHED);
    assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("'shot'").contains("character 13").contains("{version}"));
  }

  @Test
  void parse_fourDigitShotWithFiveConfigured_isNotGuessed() {
    NameResult result = production().build().parse("KRAK_0042_v002.mov");
    assertThat(result.kind()).isEqualTo(Kind.UNMATCHED);
    assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("{shot}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"KRAK_00042_v002.mov", "KRAK_SQ03_00042_v002.mp4"})
  void folderFor_rendersTemplateWithSceneAndParts(String fileName) {
    Nomenclature names = production().folderTemplate(TEMPLATE).build();
    ParsedName name = names.parse(fileName).parsed().orElseThrow();
    assertThat(names.folderFor(name, SCENE)).hasToString("WIP_BYSHOT/SC03_PORT_AUBE/KRAK_00042");
  }

  @Test
  void folderFor_whenPatternLacksTemplatePart_namesFileAndPart() {
    Nomenclature names = production().folderTemplate(TEMPLATE).build();
    ParsedName name = names.parse("SQ03_KRAK_v004.mov").parsed().orElseThrow();
    assertThatThrownBy(() -> names.folderFor(name, SCENE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("SQ03_KRAK_v004.mov").hasMessageContaining("{shot}");
  }

  @Test
  void build_whenTemplateRefersToUnknownPart_failsAtStartUp() {
    assertThatThrownBy(() -> production().folderTemplate("WIP/{project}_{shto}").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("{shto}");
    assertThatThrownBy(() -> production().folderTemplate("/WIP").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("folderTemplate");
  }

  @Test
  void namePattern_build_namesTheCulprit() {
    assertThatThrownBy(() -> NamePattern.of("x", "{project}_{take}.mov"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("{take}");
    assertThatThrownBy(() -> NamePattern.of("x", "{project}{shot}.mov"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("separator");
    assertThatThrownBy(() -> NamePattern.builder().template("{shot}").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'name'");
    assertThatThrownBy(() -> Nomenclature.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'pattern'");
  }

  @Test
  void namePattern_customDigitsAndParts_areEnforced() {
    Nomenclature names = Nomenclature.builder().pattern(NamePattern.builder().name("p")
        .template("{project}-{shot}-{take}.{extension}").digits("shot", 3).part("take", "T\\d+")
        .build()).build();
    assertThat(names.parse("ABC-042-T12.exr").parsed().orElseThrow().part("take")).contains("T12");
    assertThat(names.parse("ABC-0042-T12.exr").isMatched()).isFalse();
  }

  @Test
  void shotNomenclature_rendersTheShotListKey_orEmptyForWholeSequenceRenders() {
    Nomenclature names = production().shotTemplate("{project}_{shot}").build();
    assertThat(names.shotNomenclature(names.parse("KRAK_SQ03_00042_v002.mp4").parsed().orElseThrow()))
        .contains("KRAK_00042");
    assertThat(names.shotNomenclature(names.parse("SQ03_KRAK_v004.mov").parsed().orElseThrow())).isEmpty();
    assertThatThrownBy(() -> production().shotTemplate("{project}_{scene.number}").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'shotTemplate'")
        .hasMessageContaining("{scene.number}");
    assertThatThrownBy(() -> production().shotTemplate("A/{shot}").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("single name");
    assertThatThrownBy(() -> production().build().shotNomenclature(
        production().build().parse("KRAK_00042_v002.mov").parsed().orElseThrow()))
        .isInstanceOf(IllegalStateException.class);
  }
}
