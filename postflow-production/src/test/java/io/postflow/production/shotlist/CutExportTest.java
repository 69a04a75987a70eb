package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlReader;
import io.postflow.production.edl.EdlWarning;
import io.postflow.production.timecode.FrameRate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutExportTest {
  private static final EdlReader EDL_25 = EdlReader.builder().rate(FrameRate.FPS_25).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = "PLAN,SEQUENCE,TC IN,TC OUT,TC IN SOURCE,TC OUT SOURCE,SOURCE NAME,NOMENCLATURE PLAN";

  private static ShotList sample() {
    return ShotListReaderTest.READER.read(ShotListReaderTest.fixture("shots_sample.csv"), "shots_sample.csv");
  }

  private static ShotList list(FrameRate rate, boolean dropFrame, String... rows) {
    String csv = HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    return ShotListReader.builder().rate(rate).dropFrame(dropFrame).build()
        .read(csv.getBytes(StandardCharsets.UTF_8), "inline.csv");
  }

  @Test
  void edl_ofTheWholeList_readsBackAsOneEventPerPlacedShotInRecordOrder() {
    ShotList list = sample();
    Edl edl = EDL_25.read(CutExport.of(list).edl("KRAK REEL 1").getBytes(StandardCharsets.UTF_8), "out.edl");

    assertThat(edl.title()).contains("KRAK REEL 1");
    assertThat(edl.dropFrameHeader()).contains(false);
    assertThat(edl.events()).hasSize(30);
    assertThat(edl.events()).extracting(EdlEvent::number).startsWith("001", "002").endsWith("030");
    for (int i = 0; i < 30; i++) {
      Shot shot = list.shots().get(i);
      EdlEvent event = edl.events().get(i);
      assertThat(event.recordIn()).isEqualTo(list.recordIn(shot).orElseThrow());
      assertThat(event.recordOut()).isEqualTo(list.recordOut(shot).orElseThrow());
      assertThat(event.fromClipName()).isEqualTo(shot.sourceName());
      assertThat(event.main().sourceIn()).isEqualTo(list.raw(shot, Column.SOURCE_IN).orElseThrow());
    }
    EdlEvent first = edl.events().get(0);
    assertThat(first.reel()).isEqualTo("B_0003C012X240912_0102CD_KRAK");
    assertThat(first.comments()).containsExactly("COMMENT: KRAK_00001");
    // Same reader, same figures: the list's total is the cut's.
    assertThat(edl.recordFrames()).isEqualTo(list.statistics().totalFrames());
  }

  @Test
  void edl_withAxReels_namesMediaByClipNameOnly() {
    Edl edl = EDL_25.read(CutExport.of(sample()).reels(CutExport.ReelNames.AX).edl("T")
        .getBytes(StandardCharsets.UTF_8), "ax.edl");
    assertThat(edl.events()).extracting(EdlEvent::reel).containsOnly("AX");
    assertThat(edl.warnings()).extracting(EdlWarning::kind).doesNotContain(EdlWarning.Kind.MISSING_CLIP_NAME);
  }

  @Test
  void scene_keepsOnlyThatScene_byNameAsWrittenOrNormalisedOrNumber() {
    ShotList list = sample();
    Shot port = list.shots().get(6);
    List<Shot> byName = CutExport.of(list).scene("port aube").shots();
    assertThat(byName).isNotEmpty().allMatch(s -> s.scene().number() == port.scene().number());
    assertThat(CutExport.of(list).scene("PORT - AUBE").shots()).isEqualTo(byName);
    assertThat(CutExport.of(list).scene(String.valueOf(port.scene().number())).shots()).isEqualTo(byName);
    Edl edl = EDL_25.read(CutExport.of(list).scene("PORT AUBE").edl("PORT AUBE").getBytes(StandardCharsets.UTF_8), "s.edl");
    assertThat(edl.events()).hasSize(byName.size());
  }

  @Test
  void scene_thatTheListDoesNotHave_failsListingItsScenes() {
    assertThatThrownBy(() -> CutExport.of(sample()).scene("LUNE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no scene 'LUNE'").hasMessageContaining("PORT AUBE");
  }

  @Test
  void changedSince_theCutMadeFromTheList_isEmpty_andAfterATrimHoldsThatShotOnly() {
    ShotList list = sample();
    String text = CutExport.of(list).edl("V1");
    assertThat(CutExport.of(list).changedSince(EDL_25.read(text.getBytes(StandardCharsets.UTF_8), "v1.edl")).shots())
        .isEmpty();

    // The editor trims shot 005's tail by 5 frames in the next cut (01:00:33:05 -> 01:00:33:00).
    String event5 = text.lines().filter(l -> l.startsWith("005 ")).findFirst().orElseThrow();
    String trimmed = text.replace(event5, event5.replace("01:00:26:21 01:00:33:05", "01:00:26:21 01:00:33:00"));
    assertThat(trimmed).isNotEqualTo(text);
    CutExport changed = CutExport.of(list).changedSince(EDL_25.read(trimmed.getBytes(StandardCharsets.UTF_8), "v2.edl"));
    assertThat(changed.shots()).extracting(Shot::number).containsExactly("005");
  }

  @Test
  void edl_ofARetimedShot_hasAnM2AtTheSpeedTheSourcePlays() {
    ShotList list = list(FrameRate.FPS_25, false,
        "001,LAB,01:00:00:00,01:00:02:00,10:00:00:00,10:00:04:00,A001.mov,KRAK_00001",
        "002,LAB,01:00:02:00,01:00:04:00,11:00:00:00,11:00:02:00,A002.mov,KRAK_00002");
    Edl edl = EDL_25.read(CutExport.of(list).edl("R").getBytes(StandardCharsets.UTF_8), "r.edl");
    EdlEvent fast = edl.events().get(0);
    assertThat(fast.motionEffects()).singleElement().satisfies(m -> {
      assertThat(m.speed()).isEqualByComparingTo(new BigDecimal("50.0"));
      assertThat(m.reel()).isEqualTo("A001");
      assertThat(m.sourceTimecode()).isEqualTo("10:00:00:00");
    });
    assertThat(fast.main().sourceOut()).isEqualTo("10:00:04:00");
    assertThat(edl.events().get(1).motionEffects()).isEmpty();
  }

  @Test
  void edl_ofADropFrameList_saysDropFrameAndWritesSemicolons() {
    ShotList list = list(FrameRate.FPS_29_97, true,
        "001,LAB,01:00:56:20,01:01:00:02,00:00:00:00,00:00:03:10,A001.mov,KRAK_00001");
    String text = CutExport.of(list).edl("DF");
    assertThat(text).contains("FCM: DROP FRAME\r\n").contains("01:00:56;20 01:01:00;02");
    Edl edl = EdlReader.builder().rate(FrameRate.FPS_29_97).build().read(text.getBytes(StandardCharsets.UTF_8), "df.edl");
    assertThat(edl.events().get(0).durationFrames()).isEqualTo(100);
  }

  @Test
  void unplaced_listsShotsWithoutRecordTimecodes_andTheEdlLeavesThemOut() {
    ShotList list = list(FrameRate.FPS_25, false,
        "001,LAB,01:00:00:00,01:00:02:00,,,A001.mov,KRAK_00001",
        "002,LAB,,,,,A002.mov,KRAK_00002",
        "003,LAB,01:00:02:00,01:00:03:00,,,A003.mov,KRAK_00003");
    CutExport cut = CutExport.of(list);
    assertThat(cut.unplaced()).extracting(Shot::number).containsExactly("002");
    assertThat(cut.shots()).extracting(Shot::number).containsExactly("001", "003");
    assertThat(EDL_25.read(cut.edl("U").getBytes(StandardCharsets.UTF_8), "u.edl").events()).hasSize(2);
  }

  @Test
  void otio_isOneVideoTrackOfClipsAndGaps_withOtioSchemaNamesRatesAndDurations() throws Exception {
    ShotList list = list(FrameRate.FPS_25, false,
        "001,LAB,01:00:00:00,01:00:02:00,10:00:00:00,10:00:04:00,A001.mov,KRAK_00001",
        "002,LAB,01:00:03:00,01:00:04:00,11:00:00:00,11:00:01:00,,KRAK_00002",
        "003,QUAI,01:00:04:00,01:00:05:10,12:00:00:00,12:00:01:10,A003.mov,");
    JsonNode timeline = JSON.readTree(CutExport.of(list).otio("KRAK V1"));

    assertThat(timeline.get("OTIO_SCHEMA").asText()).isEqualTo("Timeline.1");
    assertThat(timeline.get("name").asText()).isEqualTo("KRAK V1");
    assertThat(timeline.at("/global_start_time/OTIO_SCHEMA").asText()).isEqualTo("RationalTime.1");
    assertThat(timeline.at("/global_start_time/value").asDouble()).isEqualTo(90000.0);
    assertThat(timeline.at("/tracks/OTIO_SCHEMA").asText()).isEqualTo("Stack.1");
    JsonNode tracks = timeline.at("/tracks/children");
    assertThat(tracks).hasSize(1);
    assertThat(tracks.get(0).get("OTIO_SCHEMA").asText()).isEqualTo("Track.1");
    assertThat(tracks.get(0).get("kind").asText()).isEqualTo("Video");
    JsonNode children = tracks.get(0).get("children");
    List<String> schemas = new ArrayList<>();
    children.forEach(c -> schemas.add(c.get("OTIO_SCHEMA").asText()));
    assertThat(schemas).containsExactly("Clip.2", "Gap.1", "Clip.2", "Clip.2");

    double total = 0;
    for (JsonNode child : children) {
      JsonNode range = child.get("source_range");
      assertThat(range.get("OTIO_SCHEMA").asText()).isEqualTo("TimeRange.1");
      assertThat(range.at("/duration/OTIO_SCHEMA").asText()).isEqualTo("RationalTime.1");
      assertThat(range.at("/duration/rate").asDouble()).isEqualTo(25.0);
      assertThat(range.at("/start_time/rate").asDouble()).isEqualTo(25.0);
      total += range.at("/duration/value").asDouble();
    }
    // 01:00:00:00 to 01:00:05:10 is 135 frames: clips and the gap fill the timeline exactly.
    assertThat(total).isEqualTo(135.0);
    assertThat(children.get(1).at("/source_range/duration/value").asDouble()).isEqualTo(25.0);

    JsonNode first = children.get(0);
    assertThat(first.get("name").asText()).isEqualTo("A001.mov");
    assertThat(first.at("/source_range/start_time/value").asDouble()).isEqualTo(10 * 3600 * 25.0);
    assertThat(first.at("/source_range/duration/value").asDouble()).isEqualTo(50.0);
    assertThat(first.at("/metadata/postflow/nomenclature").asText()).isEqualTo("KRAK_00001");
    assertThat(first.at("/metadata/postflow/status").asText()).isEqualTo("pending");
    assertThat(first.at("/metadata/postflow/scene").asText()).isEqualTo("LAB");
    assertThat(first.get("active_media_reference_key").asText()).isEqualTo("DEFAULT_MEDIA");
    JsonNode media = first.at("/media_references/DEFAULT_MEDIA");
    assertThat(media.get("OTIO_SCHEMA").asText()).isEqualTo("ExternalReference.1");
    assertThat(media.get("target_url").asText()).isEqualTo("A001.mov");
    // Four seconds of source in two of record: twice the speed.
    assertThat(first.at("/effects/0/OTIO_SCHEMA").asText()).isEqualTo("LinearTimeWarp.1");
    assertThat(first.at("/effects/0/time_scalar").asDouble()).isEqualTo(2.0);

    assertThat(children.get(2).at("/media_references/DEFAULT_MEDIA/OTIO_SCHEMA").asText())
        .isEqualTo("MissingReference.1");
    assertThat(children.get(2).get("effects")).isEmpty();
    assertThat(children.get(3).at("/metadata/postflow/nomenclature").isNull()).isTrue();
  }

  @Test
  void otio_ofOverlappingShots_trimsTheLaterClipsHeadSoRecordPositionsHold() throws Exception {
    ShotList list = list(FrameRate.FPS_25, false,
        "001,LAB,01:00:00:00,01:00:02:00,,,A001.mov,KRAK_00001",
        "002,LAB,01:00:01:15,01:00:03:00,,,A002.mov,KRAK_00002");
    JsonNode children = JSON.readTree(CutExport.of(list).otio("O")).at("/tracks/children/0/children");
    assertThat(children).hasSize(2);
    assertThat(children.get(1).at("/metadata/postflow/head_trimmed_frames").asLong()).isEqualTo(10);
    assertThat(children.get(1).at("/source_range/duration/value").asDouble()).isEqualTo(25.0);
    assertThat(children.get(1).at("/source_range/start_time/value").asDouble()).isEqualTo(10.0);
  }

  @Test
  void otio_atTwentyThreeNineSevenSix_writesTheRateAsOtioComputesIt() throws Exception {
    ShotList list = list(FrameRate.FPS_23_976, false, "001,LAB,01:00:00:00,01:00:01:00,,,A001.mov,KRAK_00001");
    JsonNode timeline = JSON.readTree(CutExport.of(list).otio("R"));
    assertThat(timeline.at("/global_start_time/rate").asDouble()).isEqualTo(24000.0 / 1001.0);
  }

  @Test
  void writeOtioAndEdl_withStatuses_carryTheCurrentStatus(@TempDir Path dir) throws Exception {
    ShotList list = sample();
    List<Shot> shots = new ArrayList<>(list.shots());
    shots.set(0, Shot.builder().from(shots.get(0)).status(ShotStatus.REVIEW_UPLOADED).build());
    CutExport cut = CutExport.of(list.withShots(shots));
    Path otio = cut.writeOtio(dir.resolve("cut.otio"), "cut");
    Path edl = cut.writeEdl(dir.resolve("cut.edl"), "cut");
    assertThat(JSON.readTree(otio.toFile()).at("/tracks/children/0/children/0/metadata/postflow/status").asText())
        .isEqualTo("review_uploaded");
    assertThat(Files.readString(edl)).startsWith("TITLE: cut\r\nFCM: NON-DROP FRAME\r\n");
  }
}
