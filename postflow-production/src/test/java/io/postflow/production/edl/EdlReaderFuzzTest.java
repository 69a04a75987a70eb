package io.postflow.production.edl;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.InvalidInputException;
import io.postflow.production.Fixtures;
import io.postflow.production.FuzzInputs;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the EDL reader: any bytes (random, real EDLs with bytes changed, cut, repeated
 * or spliced, and generated EDLs with wrong fields) give an {@link Edl} or an
 * {@link InvalidInputException} naming the file, never another exception; what is read keeps its
 * bounds (warnings kept, line numbers inside the file); and a generated well-formed EDL reads back
 * as generated and survives write and read unchanged. {@code -Pfuzz} runs 100,000 cases each.
 */
class EdlReaderFuzzTest {
  private static final String SOURCE = "fuzz.edl";
  private static final List<byte[]> CORPUS = List.of(Fixtures.bytes("edit_25fps.edl"),
      Fixtures.bytes("edit_2997df.edl"), Fixtures.bytes("edit_rippled.edl"),
      Fixtures.bytes("edit_transitions_keys.edl"));
  /** Pieces an EDL is made of, spliced into real EDLs at random places. */
  private static final List<String> PIECES = List.of("\r\n", "\n", "\r", " ", "*", ":", ";", "FCM: DROP FRAME\r\n",
      "FCM: NON-DROP FRAME\n", "TITLE: ", "* FROM CLIP NAME: ", "FROM CLIP NAME: ", "M2   ", "-025.0 ", "LOC: ",
      "SPLIT:    AUDIO DELAY=  ", "001  ", "999999 ", "AX  V  C  ", " D 012 ", " W001 ", "25:99:99:99 ",
      "00:00:00:00 ", "23:59:59:24 ", "01:00:00;00 ", "\u0000", "\u00e9", "\uFEFF", "\t", ",");

  @Property
  void anyBytes_giveAnEdlOrARefusalNamingTheFile(@ForAll("edlLike") byte[] bytes,
      @ForAll("mostlyLenient") boolean strict, @ForAll("rates") FrameRate rate) {
    EdlReader reader = EdlReader.builder().rate(rate).strict(strict).maxEvents(2_000).build();
    Edl edl;
    try {
      edl = reader.read(bytes, SOURCE);
    } catch (InvalidInputException refused) {
      assertThat(refused.getMessage()).contains(SOURCE);
      Statistics.label("outcome").collect(strict ? "strict" : "lenient", "refused");
      return;
    }
    Statistics.label("outcome")
        .collect(strict ? "strict" : "lenient", edl.events().isEmpty() ? "read, no event" : "read, events");
    int lines = FuzzInputs.lineCount(bytes);
    assertThat(edl.warnings()).hasSizeLessThanOrEqualTo(100);
    assertThat(edl.warningCount()).isGreaterThanOrEqualTo(edl.warnings().size());
    if (strict) {
      assertThat(edl.warningCount()).as("strict mode refuses any warning").isZero();
    }
    for (EdlWarning warning : edl.warnings()) {
      assertThat(warning.line()).isBetween(0, lines);
      assertThat(warning.toString()).isNotBlank();
    }
    for (EdlEvent event : edl.events()) {
      assertThat(event.line()).isBetween(1, lines);
      if (event.durationFrames() < 0 && edl.warningCount() == edl.warnings().size()) {
        assertThat(edl.warnings()).as("an event that ends before it starts is warned")
            .anyMatch(w -> w.kind() == EdlWarning.Kind.NEGATIVE_DURATION
                && event.lines().stream().anyMatch(l -> l.line() == w.line()));
      }
    }
  }

  @Property
  void aGeneratedEdl_readsAsGenerated_andWritingItChangesNothing(@ForAll("edits") Edit edit) {
    EdlReader reader = EdlReader.builder().rate(edit.rate()).build();
    Edl edl = reader.read(edit.text().getBytes(StandardCharsets.UTF_8), SOURCE);

    assertThat(edl.events()).hasSize(edit.events().size());
    for (int i = 0; i < edit.events().size(); i++) {
      GeneratedEvent expected = edit.events().get(i);
      EdlEvent read = edl.events().get(i);
      assertThat(read.reel()).isEqualTo(expected.reel());
      assertThat(read.recordIn().frames()).isEqualTo(expected.recordIn());
      assertThat(read.durationFrames()).isEqualTo(expected.duration());
      assertThat(read.main().sourceIn()).isEqualTo(tc(expected.sourceIn(), edit.rate(), edit.dropFrame()));
      assertThat(read.fromClipName()).isEqualTo(expected.clipName().map(String::strip).filter(n -> !n.isEmpty()));
    }
    assertThat(edl.gaps()).isEmpty();
    assertThat(edl.overlaps()).isEmpty();

    String written = EdlWriter.text(edl);
    Edl again = reader.read(written.getBytes(StandardCharsets.UTF_8), SOURCE);
    assertThat(again.events().stream().map(EdlWriterRoundTripTest::withoutLines).toList())
        .containsExactlyElementsOf(edl.events().stream().map(EdlWriterRoundTripTest::withoutLines).toList());
    assertThat(EdlWriter.text(again)).isEqualTo(written);
  }

  /** Strict mode refuses almost every damaged file at its first warning: lenient reads go deeper. */
  @Provide
  Arbitrary<Boolean> mostlyLenient() {
    return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
  }

  @Provide
  Arbitrary<FrameRate> rates() {
    return Arbitraries.of(FrameRate.FPS_24, FrameRate.FPS_25, FrameRate.FPS_29_97, FrameRate.FPS_30);
  }

  @Provide
  Arbitrary<byte[]> edlLike() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(CORPUS),
        Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(12),
        Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12)).as(FuzzInputs::mutate);
    Arbitrary<byte[]> generated = edits().map(edit -> edit.text().getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> generatedThenMutated = Combinators.combine(generated,
        Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(6),
        Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(6)).as(FuzzInputs::mutate);
    return Arbitraries.frequencyOf(Tuple.of(2, random), Tuple.of(4, mutated),
        Tuple.of(3, generatedThenMutated), Tuple.of(1, generated));
  }

  /** A well-formed edit: contiguous cuts on one timeline, the text an editing system would write. */
  record Edit(FrameRate rate, boolean dropFrame, List<GeneratedEvent> events, String text) {}

  /** One generated cut; frames counted at the edit's rate. */
  record GeneratedEvent(String reel, String channels, long sourceIn, long recordIn, long duration,
      Optional<String> clipName) {}

  @Provide
  Arbitrary<Edit> edits() {
    Arbitrary<String> reel = Arbitraries.oneOf(Arbitraries.strings().withCharRange('A', 'Z').numeric()
        .ofMinLength(1).ofMaxLength(8), Arbitraries.of("A001C003", "AX", "B002", "ARC1962"));
    Arbitrary<String> channels = Arbitraries.of("V", "A", "A2", "AA", "B", "AA/V");
    Arbitrary<Optional<String>> clipName = Arbitraries.oneOf(
        Arbitraries.just(Optional.empty()),
        Arbitraries.strings().withCharRange(' ', '~').withChars("éàüß漢字").ofMinLength(1).ofMaxLength(40)
            .filter(s -> !s.isBlank()).map(Optional::of));
    Arbitrary<long[]> timing = Combinators.combine(Arbitraries.longs().between(0, 1L << 40),
        Arbitraries.longs().between(1, 600)).as((source, duration) -> new long[] {source, duration});
    Arbitrary<List<Object[]>> rows = Combinators.combine(reel, channels, clipName, timing)
        .as((r, c, n, t) -> new Object[] {r, c, n, t}).list().ofMinSize(1).ofMaxSize(40);
    return Combinators.combine(rates(), Arbitraries.of(true, false), rows,
        Arbitraries.longs().between(0, 1L << 40)).as(EdlReaderFuzzTest::edit);
  }

  private static Edit edit(FrameRate rate, boolean wantDrop, List<Object[]> rows, long start) {
    boolean drop = wantDrop && rate.supportsDropFrame();
    long day = framesPerDay(rate, drop);
    long total = rows.stream().mapToLong(r -> ((long[]) r[3])[1]).sum();
    long record = Math.floorMod(start, day - total);
    StringBuilder text = new StringBuilder("TITLE: FUZZ CUT\r\nFCM: ").append(drop ? "DROP FRAME" : "NON-DROP FRAME")
        .append("\r\n\r\n");
    List<GeneratedEvent> events = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      long[] timing = (long[]) row[3];
      long duration = timing[1];
      long sourceIn = Math.floorMod(timing[0], day - duration);
      @SuppressWarnings("unchecked")
      Optional<String> name = (Optional<String>) row[2];
      GeneratedEvent event = new GeneratedEvent((String) row[0], (String) row[1], sourceIn, record, duration, name);
      events.add(event);
      text.append(String.format("%03d  %-8s %-5s C        %s %s %s %s\r\n", i + 1, event.reel(), event.channels(),
          tc(sourceIn, rate, drop), tc(sourceIn + duration, rate, drop), tc(record, rate, drop),
          tc(record + duration, rate, drop)));
      name.ifPresent(n -> text.append("* FROM CLIP NAME: ").append(n).append("\r\n"));
      record += duration;
    }
    return new Edit(rate, drop, events, text.toString());
  }

  /** Frames in a timecode day: 24 hours of the timebase, less the drop-frame numbers skipped. */
  private static long framesPerDay(FrameRate rate, boolean drop) {
    long perTenMinutes = rate.timebase() * 600L - (drop ? 9L * (rate.timebase() / 15) : 0L);
    return perTenMinutes * 144L;
  }

  private static String tc(long frames, FrameRate rate, boolean drop) {
    return Timecode.ofFrames(frames, rate, drop).toString();
  }
}
