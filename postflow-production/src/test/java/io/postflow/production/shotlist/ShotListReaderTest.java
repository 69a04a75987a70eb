package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.production.timecode.FrameRate;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShotListReaderTest {
  static final ShotListReader READER = ShotListReader.builder().rate(FrameRate.FPS_25).build();

  static byte[] fixture(String name) {
    return io.postflow.production.Fixtures.bytes(name);
  }

  static ShotList sample() {
    return READER.read(fixture("shots_sample.csv"), "shots_sample.csv");
  }

  private static ShotList read(String csv) {
    return READER.read(csv.getBytes(StandardCharsets.UTF_8), "t.csv");
  }

  @Test
  void fixture_statisticsMatchTheAnswers() {
    ShotListStatistics s = sample().statistics();
    assertThat(s.shots()).isEqualTo(30);
    assertThat(s.scenesAsWritten()).isEqualTo(6);
    assertThat(s.scenes()).isEqualTo(5);
    assertThat(s.uniqueSourcesAsWritten()).isEqualTo(7);
    assertThat(s.uniqueSources()).isEqualTo(6);
    assertThat(s.duplicatesMarked()).isEqualTo(28);
    assertThat(s.missingNomenclature()).containsExactly("013", "021");
    assertThat(s.firstRecordIn()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:00:00"));
    assertThat(s.lastRecordOut()).hasValueSatisfying(t -> assertThat(t).hasToString("01:02:34:09"));
    assertThat(s.totalFrames()).isEqualTo(3859);
    // Every one of the 6 sources serves several shots in this list.
    assertThat(s.shotsWithReusedSource()).isEqualTo(30);
    assertThat(s.perScene()).extracting(SceneDuration::shots).containsExactly(6, 9, 9, 3, 3);
    assertThat(s.perScene().stream().mapToLong(SceneDuration::frames).sum()).isEqualTo(3859);
  }

  @Test
  void fixture_scenesNumberedInOrderOfFirstAppearance_dashVariantsMerged() {
    ShotList list = sample();
    assertThat(list.scenes()).extracting(Scene::number, Scene::rawName, Scene::slug).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "PHARE - NUIT", "PHARE_NUIT"),
        org.assertj.core.groups.Tuple.tuple(2, "PORT - AUBE", "PORT_AUBE"),
        org.assertj.core.groups.Tuple.tuple(3, "CABANE INT - JOUR", "CABANE_INT_JOUR"),
        org.assertj.core.groups.Tuple.tuple(4, "FALAISE EXT - CREPUSCULE", "FALAISE_EXT_CREPUSCULE"),
        org.assertj.core.groups.Tuple.tuple(5, "GENERIQUE DE FIN", "GENERIQUE_DE_FIN"));
    Shot thirteen = list.shots().get(12);
    assertThat(thirteen.scene().number()).isEqualTo(2);
    assertThat(thirteen.columns()).containsEntry("SEQUENCE", "PORT AUBE");
    assertThat(list.normalisations()).anySatisfy(n -> {
      assertThat(n.raw()).isEqualTo("PORT AUBE");
      assertThat(n.reason()).contains("same scene as 'PORT - AUBE'");
      assertThat(n.lines()).containsExactly(14, 15, 16);
    });
  }

  @Test
  void fixture_quotedCellsWithCommaQuotesAndLineBreak_areOneCell() {
    ShotList list = sample();
    assertThat(list.shots().get(4).columns()).containsEntry("COMMENTAIRE",
        "Fondu enchaîné, poignées de 12 images");
    assertThat(list.shots().get(7).columns()).containsEntry("COMMENTAIRE",
        "Le réalisateur a dit \"plus sombre\"");
    assertThat(list.shots().get(15).columns()).containsEntry("COMMENTAIRE", "Deux lignes\ndans la cellule");
    // The row after the two-line cell starts one line later.
    assertThat(list.shots().get(15).line()).isEqualTo(17);
    assertThat(list.shots().get(16).line()).isEqualTo(19);
    assertThat(list.headers()).first().isEqualTo("PLAN");
    assertThat(list.headers()).contains("DURÉE", "MISE À DISPO EN MONTAGE");
  }

  @Test
  void fixture_gluedTextCutFromSource_rawKeptAndReported() {
    ShotList list = sample();
    Shot ten = list.shots().get(9);
    assertThat(ten.sourceName()).contains("ARCHIVE_ina_phare_1962.mov");
    assertThat(list.raw(ten, Column.SOURCE_NAME)).contains("ARCHIVE_ina_phare_1962.movCaméra multiple");
    assertThat(list.normalisations()).anySatisfy(n -> {
      assertThat(n.header()).isEqualTo("SOURCE NAME");
      assertThat(n.normalised()).isEqualTo("ARCHIVE_ina_phare_1962.mov");
      assertThat(n.lines()).containsExactly(11);
    });
    assertThat(list.warnings()).isEmpty();
  }

  @Test
  void fixture_shotFields() {
    Shot first = sample().shots().get(0);
    assertThat(first.number()).isEqualTo("001");
    assertThat(first.nomenclature()).contains("KRAK_00001");
    assertThat(first.recordIn()).contains("01:00:00:00");
    assertThat(first.recordOut()).contains("01:00:04:12");
    assertThat(first.durationFrames()).contains(112L);
    assertThat(first.duplicateMarked()).isTrue();
    assertThat(first.line()).isEqualTo(2);
    assertThat(sample().shots().get(9).duplicateMarked()).isFalse();
  }

  @Test
  void read_missingRequiredColumns_isOneErrorListingWhatWasFound() {
    assertThatThrownBy(() -> read("PLAN,SEQUENCE,TC IN\n001,A,01:00:00:00\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t.csv:1")
        .hasMessageContaining("'TC OUT' (RECORD_OUT)")
        .hasMessageContaining("'SOURCE NAME' (SOURCE_NAME)")
        .hasMessageContaining("'NOMENCLATURE PLAN' (NOMENCLATURE)")
        .hasMessageContaining("found headers: 'PLAN', 'SEQUENCE', 'TC IN'");
  }

  @Test
  void read_customMappingAndAccentInsensitiveHeaders() {
    ColumnMapping mapping = ColumnMapping.builder().header(Column.NOMENCLATURE, "Nom").build();
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).columns(mapping).build().read(
        ("plan,sequence,tc in,tc out,source name,NOM,Duree\n"
            + "1,A,01:00:00:00,01:00:01:00,a.mov, x-1 ,00:00:01:01\n").getBytes(StandardCharsets.UTF_8), "t.csv");
    Shot shot = list.shots().get(0);
    assertThat(shot.nomenclature()).contains("x-1");
    assertThat(list.warnings()).singleElement().satisfies(w -> {
      assertThat(w.header()).isEqualTo("Duree");
      assertThat(w.message()).contains("26 frames").contains("25 frames");
    });
  }

  @Test
  void read_dirtyRows_becomeWarnings() {
    ShotList list = read("PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN,,\r\n"
        + "\r\n"
        + ",A,01:00:00:00,01:00:01:00,a.mov,K_1\r\n"
        + "1,A,01:00:00:00,01:00:00:25,a.mov,K_1,,\r\n"
        + "1,,01:00:02:00,01:00:01:00,b.mov,K_2,,extra\r\n");
    assertThat(list.shots()).hasSize(2);
    assertThat(list.warnings()).extracting(ShotListWarning::line).containsExactly(3, 4, 5, 5, 5, 5);
    assertThat(list.warnings()).extracting(ShotListWarning::toString).anySatisfy(w -> assertThat(w)
        .contains("line 4 [TC OUT]").contains("'01:00:00:25'"));
    assertThat(list.shots().get(0).durationFrames()).isEmpty();
    assertThat(list.shots().get(1).scene().rawName()).isEqualTo("(none)");
  }

  @Test
  void read_unterminatedQuote_inTheLastRowIsACutOffRow_strayQuoteSwallowingRowsIsAnError() {
    String cut = "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n1,\"A,01:00:00:00\n";
    assertThat(read(cut).warnings()).extracting(ShotListWarning::toString).contains(
        "line 2 [SEQUENCE]: the file ends inside this quoted cell: the last row is cut off and read"
            + " as far as it goes");
    assertThatThrownBy(() -> ShotListReader.builder().rate(FrameRate.FPS_25).strict(true).build()
        .read(cut.getBytes(StandardCharsets.UTF_8), "t.csv"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("t.csv:2 [SEQUENCE]");
    StringBuilder stray = new StringBuilder("PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
        + "1,\"A,01:00:00:00,01:00:01:00,a.mov,K_1\n");
    for (int i = 2; i < 20; i++) {
      stray.append(i).append(",A,01:00:00:00,01:00:01:00,a.mov,K_").append(i).append('\n');
    }
    assertThatThrownBy(() -> read(stray.toString())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t.csv:2 [SEQUENCE]: a quoted cell opened on this line is never closed");
    assertThatThrownBy(() -> read("\n\n")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void names_normalisation() {
    assertThat(Names.sourceName("clip.movie")).isEqualTo("clip.movie");
    assertThat(Names.sourceName(" A.mov (copie)")).isEqualTo("A.mov");
    assertThat(Names.clipKey("C_0001C004X240915_0930EF_KRAK.crm"))
        .isEqualTo(Names.clipKey("c_0001C004X240915_0930EF_KRAK.mov"));
    assertThat(Names.nomenclatureKey(" undlm-00042 ")).isEqualTo("UNDLM_00042");
    assertThat(Names.sceneKey("Falaise ext – Crépuscule")).isEqualTo("FALAISE EXT CREPUSCULE");
  }
}
