package io.postflow.production.edl;

import io.postflow.api.InvalidInputException;
import io.postflow.production.edl.EdlWarning.Kind;
import io.postflow.production.internal.LineReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads one EDL's lines into an {@link Edl}. One instance per read; not thread-safe. */
final class EdlParser {
  private static final Pattern FIELDS = Pattern.compile("[ \t]+");

  private final String source;
  private final FrameRate rate;
  private final Charset fallback;
  /** Warnings kept; past {@link #MAX_WARNINGS} they are only counted. */
  static final int MAX_WARNINGS = 100;
  /** Comment, marker and retime lines kept per event: real events have a handful. */
  static final int MAX_LINES_PER_EVENT = 1000;
  /** How much of a line a warning quotes. */
  private static final int QUOTED_CHARACTERS = 120;

  private final List<EdlWarning> warnings = new ArrayList<>();
  private final int maxEvents;
  private int warningCount;
  private int lastLine;
  private EdlEvent previous;
  private final List<RecordGap> gaps = new ArrayList<>();
  private final List<RecordGap> overlaps = new ArrayList<>();
  private final List<String> headerComments = new ArrayList<>();
  private final List<EdlEvent> events = new ArrayList<>();
  private final Set<String> numbersSeen = new HashSet<>();
  private final List<String> pendingSplit = new ArrayList<>();
  private String title;
  private Boolean firstFcm;
  private boolean dropFrame;
  private EventBuilder current;

  EdlParser(String source, FrameRate rate, Charset fallback, int maxEvents) {
    this.source = source;
    this.rate = rate;
    this.fallback = fallback;
    this.maxEvents = maxEvents;
  }

  /**
   * Reads every line; memory is bounded by the events kept, not by the input.
   *
   * @throws IOException when the stream fails
   */
  Edl parse(LineReader lines) throws IOException {
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      lastLine = line.number();
      String text = line.text().strip();
      if (line.fallback()) {
        warn(line.number(), Kind.ENCODING,
            () -> "not valid UTF-8; decoded as " + fallback.name() + ": " + quote(text));
      }
      if (line.cut()) {
        warn(line.number(), Kind.UNKNOWN_LINE, "line of " + line.bytes() + " bytes ignored (an EDL"
            + " line is under 200): " + quote(text));
        continue;
      }
      if (text.isEmpty()) {
        continue;
      }
      if (startsWith(text, "TITLE:")) {
        if (title == null) {
          title = text.substring(6).strip();
        } else {
          warn(line.number(), Kind.UNKNOWN_LINE, "second TITLE ignored: " + text);
        }
      } else if (startsWith(text, "FCM:")) {
        fcm(line.number(), text.substring(4).strip().toUpperCase(Locale.ROOT));
      } else if (text.charAt(0) == '*') {
        comment(line.number(), text.substring(1).strip());
      } else if (isStarlessComment(text)) {
        // Some tools and hand edits drop the '*' before the clip name comments.
        comment(line.number(), text);
      } else if (startsWith(text, "M2") && (text.length() == 2 || text.charAt(2) == ' ' || text.charAt(2) == '\t')) {
        motionEffect(line.number(), text);
      } else if (Character.isDigit(text.charAt(0))) {
        eventLine(line.number(), text);
      } else if (startsWith(text, "SPLIT:")) {
        // A split edit's delay precedes the event it belongs to.
        pendingSplit.add(text);
      } else if (startsWith(text, "AUD ") || startsWith(text, "AUD\t")
          || startsWith(text, "EFFECTS NAME IS")) {
        // Avid's extra audio channels and effect names follow their event.
        if (current == null) {
          warn(line.number(), Kind.UNKNOWN_LINE, "before any event: " + quote(text));
        } else if (room(line.number())) {
          current.comments.add(text);
        }
      } else {
        warn(line.number(), Kind.UNKNOWN_LINE, () -> "unknown line: " + quote(text));
      }
    }
    flush();
    if (!pendingSplit.isEmpty()) {
      warn(lastLine, Kind.UNKNOWN_LINE, "SPLIT with no event after it: " + pendingSplit);
    }
    return finish();
  }

  private static boolean isStarlessComment(String text) {
    return startsWith(text, "FROM CLIP NAME:") || startsWith(text, "TO CLIP NAME:")
        || startsWith(text, "SOURCE FILE:") || startsWith(text, "LOC:");
  }

  /** Whether the current event may keep one more comment line; warns once when it may not. */
  private boolean room(int line) {
    if (current.kept < MAX_LINES_PER_EVENT) {
      current.kept++;
      return true;
    }
    if (current.kept++ == MAX_LINES_PER_EVENT) {
      warn(line, Kind.UNKNOWN_LINE, "more than " + MAX_LINES_PER_EVENT + " comment lines after"
          + " event " + current.number + "; the rest are not kept");
    }
    return false;
  }

  private void fcm(int line, String value) {
    boolean drop;
    if (value.startsWith("NON")) {
      drop = false;
    } else if (value.startsWith("DROP")) {
      drop = true;
    } else {
      warn(line, Kind.UNKNOWN_LINE, "unknown FCM value: " + value);
      return;
    }
    if (firstFcm == null) {
      firstFcm = drop;
    }
    if (drop && !rate.supportsDropFrame()) {
      warn(line, Kind.FCM_MISMATCH, "FCM says DROP FRAME but the configured rate " + rate
          + " has no drop-frame; counting non-drop");
      drop = false;
    }
    dropFrame = drop;
  }

  private void comment(int line, String body) {
    if (current == null) {
      // The sniffer found an event line in the first 64 KiB, so these are few.
      headerComments.add(body);
      return;
    }
    if (!room(line)) {
      return;
    }
    if (startsWith(body, "FROM CLIP NAME:")) {
      current.from = nonEmpty(body.substring(15));
    } else if (startsWith(body, "TO CLIP NAME:")) {
      current.to = nonEmpty(body.substring(13));
    } else if (startsWith(body, "SOURCE FILE:")) {
      current.sourceFile = nonEmpty(body.substring(12));
    } else if (startsWith(body, "LOC:")) {
      String[] parts = FIELDS.split(body.substring(4).strip(), 3);
      current.locators.add(new EdlLocator(line, parts[0], parts.length > 1 ? parts[1] : "",
          parts.length > 2 ? parts[2] : ""));
    } else if (startsWith(body, "ASC_SOP")) {
      current.ascSop = nonEmpty(body.substring(7));
    } else if (startsWith(body, "ASC_SAT")) {
      current.ascSat = nonEmpty(body.substring(7));
    } else {
      current.comments.add(body);
    }
  }

  private void motionEffect(int line, String text) {
    if (current == null) {
      warn(line, Kind.MALFORMED_MOTION_EFFECT, "M2 before any event: " + quote(text));
      return;
    }
    if (!room(line)) {
      return;
    }
    // From the right, like event lines: the reel may contain spaces.
    List<int[]> spans = fieldSpans(text);
    int n = spans.size();
    if (n < 4) {
      warn(line, Kind.MALFORMED_MOTION_EFFECT, "expected M2 REEL SPEED TC: " + quote(text));
      return;
    }
    String speed = field(text, spans, n - 2);
    try {
      current.motions.add(new MotionEffect(line, text.substring(spans.get(1)[0], spans.get(n - 3)[1]),
          new BigDecimal(speed), field(text, spans, n - 1)));
    } catch (NumberFormatException e) {
      warn(line, Kind.MALFORMED_MOTION_EFFECT, "speed '" + speed + "' is not a number: " + quote(text));
    }
  }

  private void eventLine(int line, String text) {
    // Read from the right: the four timecodes, an optional duration, the transition ("K B" and
    // "K O" are two fields), the channels; the reel is everything left after the number, because
    // Resolve and File128 exports write reels longer than 8 characters and with spaces.
    List<int[]> spans = fieldSpans(text);
    int n = spans.size();
    int at = n - 5;
    int duration = 0;
    boolean hasDuration = false;
    String transitionCode = null;
    Optional<Transition> transition = Optional.empty();
    if (at >= 3) {
      String d = field(text, spans, at);
      if (d.chars().allMatch(Character::isDigit) && d.length() <= 6) {
        duration = Integer.parseInt(d);
        hasDuration = true;
        at--;
      }
      String code = field(text, spans, at);
      if (at >= 4 && (code.equalsIgnoreCase("B") || code.equalsIgnoreCase("O"))
          && field(text, spans, at - 1).equalsIgnoreCase("K")) {
        transitionCode = field(text, spans, at - 1) + " " + code;
        transition = Optional.of(Transition.KEY);
        at -= 2;
      } else {
        transitionCode = code;
        transition = Transition.fromField(code);
        at--;
      }
    }
    // 'at' is now the channels field; the reel spans fields 1 to at - 1.
    if (transition.isEmpty() || at < 2) {
      warn(line, Kind.MALFORMED_EVENT, "expected NNN REEL CHANNELS TRANS [DUR] SRC_IN SRC_OUT"
          + " REC_IN REC_OUT: " + quote(text));
      return;
    }
    if (!hasDuration && (transition.get() == Transition.DISSOLVE || transition.get() == Transition.WIPE)) {
      warn(line, Kind.MALFORMED_EVENT, transition.get() + " without a duration: " + quote(text));
    }
    String[] tc = new String[4];
    for (int i = 0; i < 4; i++) {
      tc[i] = field(text, spans, n - 4 + i);
    }
    for (int i = 0; i < 2; i++) {
      String name = i == 0 ? "source in" : "source out";
      if (!Timecode.looksLikeTimecode(tc[i])) {
        warn(line, Kind.MALFORMED_SOURCE_TIMECODE, "[" + name + "] '" + tc[i]
            + "' is not HH:MM:SS:FF; kept as written");
      } else {
        String why = Timecode.impossibility(tc[i]).orElse(null);
        if (why != null) {
          warn(line, Kind.IMPOSSIBLE_TIMECODE, "[" + name + "] '" + tc[i] + "' is not a possible"
              + " timecode at any rate (" + why + "); kept as written");
        }
      }
    }
    Timecode recordIn = record(line, "record in", tc[2]);
    Timecode recordOut = record(line, "record out", tc[3]);
    if (recordIn == null || recordOut == null) {
      return;
    }
    String reel = text.substring(spans.get(1)[0], spans.get(at - 1)[1]);
    EdlEventLine eventLine = new EdlEventLine(line, reel, field(text, spans, at), transition.get(),
        transitionCode, duration, tc[0], tc[1], recordIn, recordOut);
    String number = field(text, spans, 0);
    if (current == null || !current.number.equals(number) || current.lines.size() != 1) {
      flush();
      if (events.size() == maxEvents) {
        throw new InvalidInputException(source, line, null, "more than " + maxEvents + " events;"
            + " a cut has a few thousand at most (raise EdlReader.Builder.maxEvents to read it)");
      }
      if (!numbersSeen.add(number)) {
        warn(line, Kind.DUPLICATE_EVENT_NUMBER, "event number " + number + " was used before");
      }
      current = new EventBuilder(number);
    }
    current.lines.add(eventLine);
    current.comments.addAll(pendingSplit);
    pendingSplit.clear();
  }

  /** The record timecode, or null (the event line is dropped) with a warning when invalid. */
  private Timecode record(int line, String field, String text) {
    try {
      return Timecode.parse(text, rate, dropFrame || text.indexOf(';') >= 0 || text.indexOf('.') >= 0);
    } catch (InvalidInputException e) {
      warn(line, Kind.IMPOSSIBLE_TIMECODE, "[" + field + "] " + e.getMessage() + " (timeline rate "
          + rate + (dropFrame ? " drop-frame" : "") + "); event line ignored");
      return null;
    }
  }

  /** Ends the current event: keeps it and checks it against the one before. */
  private void flush() {
    if (current != null) {
      EdlEvent event = current.build();
      events.add(event);
      check(event);
      current = null;
    }
  }

  private Edl finish() {
    if (events.isEmpty()) {
      warn(lastLine, Kind.NO_EVENTS, "the EDL has no events (an empty timeline?)");
    }
    warnings.sort(Comparator.comparingInt(EdlWarning::line));
    return new Edl(source, rate, Optional.ofNullable(title), Optional.ofNullable(firstFcm), events,
        warnings, warningCount, headerComments, gaps, overlaps);
  }

  /** Checks made once an event has all its lines: clip name, length, timing against the previous. */
  private void check(EdlEvent e) {
    if (e.clipName().isEmpty() && !e.isBlackOrBars()) {
      warn(e.line(), Kind.MISSING_CLIP_NAME, "event " + e.number() + " (reel " + e.reel()
          + ") has no clip name");
    }
    if (e.durationFrames() < 0) {
      warn(e.line(), Kind.NEGATIVE_DURATION, "event " + e.number() + " ends (" + e.recordOut()
          + ") before it starts (" + e.recordIn() + ")");
    }
    if (previous != null) {
      long between = previous.recordOut().framesUntilAcrossMidnight(e.recordIn());
      if (between > 0) {
        gaps.add(new RecordGap(previous.number(), e.number(), previous.recordOut(), e.recordIn(), between));
        warn(e.line(), Kind.GAP, between + " frames of record gap between events "
            + previous.number() + " and " + e.number() + " (" + previous.recordOut() + " to "
            + e.recordIn() + ")");
      } else if (between < 0) {
        overlaps.add(new RecordGap(previous.number(), e.number(), e.recordIn(), previous.recordOut(), -between));
        warn(e.line(), Kind.OVERLAP, -between + " frames of record overlap between events "
            + previous.number() + " and " + e.number() + " (" + e.recordIn() + " to "
            + previous.recordOut() + ")");
      }
    }
    previous = e;
    if (e.motionEffects().isEmpty() && !e.isBlackOrBars()) {
      for (EdlEventLine l : e.lines()) {
        checkDurations(e, l);
      }
    }
  }

  /**
   * Source length against record length. Without a motion effect they are equal; when they are
   * not, the edit was conformed from a wrong timecode or a retime was lost. Source timecodes that
   * are not valid at the timeline's rate (a camera at another rate) cannot be compared.
   */
  private void checkDurations(EdlEvent e, EdlEventLine l) {
    Timecode in = sourceAtTimeline(l.sourceIn());
    Timecode out = sourceAtTimeline(l.sourceOut());
    if (in == null || out == null) {
      return;
    }
    long source = in.framesUntilAcrossMidnight(out);
    long record = l.recordIn().framesUntilAcrossMidnight(l.recordOut());
    if (source != record && record > 0) {
      warn(l.line(), Kind.DURATION_MISMATCH, "event " + e.number() + ": source duration " + source
          + " frames (" + l.sourceIn() + " to " + l.sourceOut() + ") but record duration " + record
          + " frames (" + l.recordIn() + " to " + l.recordOut() + "), and no M2 motion effect");
    }
  }

  private Timecode sourceAtTimeline(String text) {
    try {
      return Timecode.parse(text, rate, text.indexOf(';') >= 0 || text.indexOf('.') >= 0);
    } catch (InvalidInputException e) {
      return null;
    }
  }

  /** Start and end of each run of characters between spaces and tabs. */
  private static List<int[]> fieldSpans(String text) {
    List<int[]> spans = new ArrayList<>(10);
    int i = 0;
    int length = text.length();
    while (i < length) {
      while (i < length && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < length && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        i++;
      }
      if (i > start) {
        spans.add(new int[] {start, i});
      }
    }
    return spans;
  }

  private static String field(String text, List<int[]> spans, int index) {
    return text.substring(spans.get(index)[0], spans.get(index)[1]);
  }

  /** Case-insensitive prefix test without the per-line upper-case copy. */
  private static boolean startsWith(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private void warn(int line, Kind kind, String message) {
    warn(line, kind, () -> message);
  }

  /** Builds the message only when it is kept: a garbage file has millions of warnings. */
  private void warn(int line, Kind kind, Supplier<String> message) {
    if (warningCount++ < MAX_WARNINGS) {
      warnings.add(new EdlWarning(line, kind, message.get()));
    }
  }

  private static String quote(String text) {
    return text.length() > QUOTED_CHARACTERS ? text.substring(0, QUOTED_CHARACTERS) + "…" : text;
  }

  private static Optional<String> nonEmpty(String value) {
    String v = value.strip();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** The event being read: its lines, then the comments and M2 lines that follow them. */
  private static final class EventBuilder {
    final String number;
    final List<EdlEventLine> lines = new ArrayList<>(2);
    final List<EdlLocator> locators = new ArrayList<>();
    final List<MotionEffect> motions = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    Optional<String> from = Optional.empty();
    Optional<String> to = Optional.empty();
    Optional<String> sourceFile = Optional.empty();
    Optional<String> ascSop = Optional.empty();
    Optional<String> ascSat = Optional.empty();
    int kept;

    EventBuilder(String number) {
      this.number = number;
    }

    EdlEvent build() {
      return new EdlEvent(number, lines, from, to, sourceFile, ascSop, ascSat, locators, motions,
          comments);
    }
  }
}
