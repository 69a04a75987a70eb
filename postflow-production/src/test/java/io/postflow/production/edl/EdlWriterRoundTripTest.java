package io.postflow.production.edl;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.InvalidInputException;
import io.postflow.production.Fixtures;
import io.postflow.production.timecode.FrameRate;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Read, write, read again: every EDL of the test corpus gives the same events. */
class EdlWriterRoundTripTest {
  private static final List<String> KNOWN = List.of("edit_25fps.edl", "edit_2997df.edl",
      "edit_rippled.edl", "edit_transitions_keys.edl");

  /**
   * Every {@code .edl} of the fixtures folder the reader accepts (files written to be rejected,
   * which other tests own, are left out); the known corpus must be among them.
   */
  static Stream<String> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(Fixtures.class.getResource("/fixtures").toURI());
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".edl")).sorted()
          .filter(EdlWriterRoundTripTest::readable).toList();
    }
    assertThat(names).containsAll(KNOWN);
    return names.stream();
  }

  private static boolean readable(String name) {
    try {
      read(Fixtures.bytes(name), name);
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }

  /** The corpus's drop-frame EDLs are 29.97 timelines; the others are 25 fps. */
  private static Edl read(byte[] bytes, String name) {
    boolean drop = new String(bytes, StandardCharsets.ISO_8859_1).contains("FCM: DROP FRAME");
    return EdlReader.builder().rate(drop ? FrameRate.FPS_29_97 : FrameRate.FPS_25).build().read(bytes, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void readWriteRead_givesTheSameEvents(String name) {
    Edl original = read(Fixtures.bytes(name), name);
    String written = EdlWriter.text(original);
    Edl again = read(written.getBytes(StandardCharsets.UTF_8), name + " (written)");

    assertThat(again.events()).hasSize(original.events().size()).isNotEmpty();
    assertThat(again.events().stream().map(EdlWriterRoundTripTest::withoutLines).toList())
        .containsExactlyElementsOf(original.events().stream().map(EdlWriterRoundTripTest::withoutLines).toList());
    assertThat(again.title()).isEqualTo(original.title());
    assertThat(again.headerComments()).isEqualTo(original.headerComments());
    assertThat(again.dropFrameHeader()).isEqualTo(original.dropFrameHeader());
    assertThat(again.gaps()).isEqualTo(original.gaps());
    assertThat(again.recordFrames()).isEqualTo(original.recordFrames());
    // Written once more, the text is identical: the writer is a fixed point of read + write.
    assertThat(EdlWriter.text(again)).isEqualTo(written);
  }

  @Test
  void text_ofTheMacRomanFixture_isUtf8WithTheAccentsRight() {
    Edl edl = read(Fixtures.bytes("edit_25fps.edl"), "edit_25fps.edl");
    String written = EdlWriter.text(edl);
    assertThat(written).contains("* FROM CLIP NAME: archive_phare_1962_restaurée_version_télé.mov");
    assertThat(read(written.getBytes(StandardCharsets.UTF_8), "w").warnings())
        .extracting(EdlWarning::kind).doesNotContain(EdlWarning.Kind.ENCODING);
  }

  @Test
  void text_ofTransitionsKeysAndRetimes_writesTheClassicColumns() {
    Edl edl = read(Fixtures.bytes("edit_transitions_keys.edl"), "t.edl");
    List<String> lines = EdlWriter.text(edl).lines().toList();
    assertThat(lines).startsWith("TITLE: KRAK_REEL3_V02 TRANSITIONS", "FCM: NON-DROP FRAME",
        "* EXPORTED FROM AVID MEDIA COMPOSER", "");
    assertThat(lines).contains(
        "001  A001C003 V     D    012 14:00:00:00 14:00:04:00 01:00:00:00 01:00:04:00",
        "003  B002C001 V     K O  000 00:00:10:00 00:00:12:00 01:00:06:00 01:00:08:00",
        "M2   ARCHIVE 1962       -025.0                10:00:02:00",
        "M2   A002C007       012.5                15:00:00:00",
        "SPLIT:    AUDIO DELAY=  00:00:00:05",
        "AUD  3");
    // A split edit's delay line comes before the event it belongs to.
    assertThat(lines.indexOf("SPLIT:    AUDIO DELAY=  00:00:00:05"))
        .isLessThan(lines.indexOf("002  ARCHIVE 1962 V     C        10:00:00:00 10:00:02:00 01:00:04:00 01:00:06:00"));
  }

  @Test
  void text_whenTheTimelineSwitchesToDropFrame_writesAnFcmLineBeforeThatEvent() {
    Edl edl = read(String.join("\r\n", "TITLE: MIXED", "FCM: NON-DROP FRAME",
        "001  A001  V  C  00:00:00:00 00:00:10:00 01:00:00:00 01:00:10:00",
        "* FROM CLIP NAME: a.mov", "FCM: DROP FRAME",
        "002  A002  V  C  00:00:00:00 00:00:10:00 01:00:10;00 01:00:20;00",
        "* FROM CLIP NAME: b.mov").getBytes(StandardCharsets.UTF_8), "mixed.edl");
    edl = read(EdlWriter.text(edl).getBytes(StandardCharsets.UTF_8), "mixed (written).edl");
    List<String> lines = EdlWriter.text(edl).lines().toList();
    assertThat(lines.get(1)).isEqualTo("FCM: NON-DROP FRAME");
    assertThat(lines.indexOf("FCM: DROP FRAME")).isEqualTo(lines.indexOf("* FROM CLIP NAME: a.mov") + 1);
    assertThat(edl.events().get(1).recordIn().isDropFrame()).isTrue();
  }

  @Test
  void write_replacesTheFileWhole(@TempDir Path dir) throws IOException {
    Edl edl = read(Fixtures.bytes("edit_2997df.edl"), "edit_2997df.edl");
    Path file = dir.resolve("conform.edl");
    Files.writeString(file, "old content that is longer than nothing");
    EdlWriter.write(edl, file);
    assertThat(Files.readString(file)).isEqualTo(EdlWriter.text(edl)).startsWith("TITLE: KRAK_DOC_2997DF\r\nFCM: DROP FRAME\r\n");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void write_intoAMissingFolder_failsNamingTheFile(@TempDir Path dir) {
    Edl edl = read(Fixtures.bytes("edit_2997df.edl"), "edit_2997df.edl");
    Path file = dir.resolve("no-such-folder").resolve("conform.edl");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdlWriter.write(edl, file))
        .isInstanceOf(io.postflow.api.LocalFileException.class).hasMessageContaining("conform.edl");
  }

  /** The event with every line number set to 0: a written EDL has its own line numbers. */
  static EdlEvent withoutLines(EdlEvent e) {
    return new EdlEvent(e.number(),
        e.lines().stream().map(l -> new EdlEventLine(0, l.reel(), l.channels(), l.transition(),
            l.transitionCode(), l.transitionFrames(), l.sourceIn(), l.sourceOut(), l.recordIn(),
            l.recordOut())).toList(),
        e.fromClipName(), e.toClipName(), e.sourceFile(), e.ascSop(), e.ascSat(),
        e.locators().stream().map(l -> new EdlLocator(0, l.timecode(), l.color(), l.text())).toList(),
        e.motionEffects().stream().map(m -> new MotionEffect(0, m.reel(), m.speed(), m.sourceTimecode())).toList(),
        e.comments());
  }
}
