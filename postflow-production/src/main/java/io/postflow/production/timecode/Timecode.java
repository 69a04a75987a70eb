package io.postflow.production.timecode;

import io.postflow.api.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMPTE timecode: a frame count within a 24-hour day at a {@link FrameRate}, counted drop-frame
 * or not. All arithmetic is on whole frames (longs); nothing goes through floating point.
 *
 * <p>Drop-frame is written with {@code ;} (or {@code .}) before the frames and exists only at 29.97
 * and 59.94. Arithmetic wraps at 24 hours, like a timecode clock. Immutable and thread-safe.
 *
 * <pre>{@code
 * Timecode in = Timecode.parse("01:00:56;20", FrameRate.FPS_29_97);
 * Timecode out = in.plus(100);          // 01:01:00;02 — 00:01:00;00 and ;01 do not exist
 * long frames = in.framesUntil(out);    // 100
 * }</pre>
 */
public final class Timecode implements Comparable<Timecode> {
  /** The highest frame number of the fastest timecode in use (120 fps). */
  private static final int MAX_FRAME_AT_ANY_RATE = 119;
  // Where each field sits in the long fields() returns.
  private static final int HOURS = 32;
  private static final int MINUTES = 24;
  private static final int SECONDS = 16;
  private static final int FRAMES = 8;
  private static final int DROP_SEPARATOR = 0;

  private final long frames;
  private final FrameRate rate;
  private final boolean dropFrame;

  private Timecode(long frames, FrameRate rate, boolean dropFrame) {
    this.frames = frames;
    this.rate = rate;
    this.dropFrame = dropFrame;
  }

  /**
   * Parses {@code HH:MM:SS:FF}; a {@code ;} or {@code .} before the frames means drop-frame.
   *
   * @throws InvalidInputException naming the value when it is malformed, out of range for the rate
   *     (frames &gt;= timebase), drop-frame at a rate without it, or a frame number that drop-frame
   *     skips (e.g. {@code 00:01:00;00})
   */
  public static Timecode parse(String text, FrameRate rate) {
    long f = fields(text);
    if (f < 0) {
      throw invalid(text, "is not a timecode (expected HH:MM:SS:FF)");
    }
    return parse(text, f, rate, field(f, DROP_SEPARATOR) == 1);
  }

  /**
   * Parses like {@link #parse(String, FrameRate)} but counts drop-frame when {@code dropFrame} is
   * true whatever the separator (some EDLs say {@code FCM: DROP FRAME} and write colons).
   */
  public static Timecode parse(String text, FrameRate rate, boolean dropFrame) {
    long f = fields(text);
    if (f < 0) {
      throw invalid(text, "is not a timecode (expected HH:MM:SS:FF)");
    }
    return parse(text, f, rate, dropFrame);
  }

  /** The timecode of {@code fields}, read from {@code text}, checked. */
  private static Timecode parse(String text, long fields, FrameRate rate, boolean dropFrame) {
    Objects.requireNonNull(rate, "rate");
    int hh = field(fields, HOURS);
    int mm = field(fields, MINUTES);
    int ss = field(fields, SECONDS);
    int ff = field(fields, FRAMES);
    if (dropFrame && !rate.supportsDropFrame()) {
      throw invalid(text, "is drop-frame, which does not exist at " + rate + " fps");
    }
    if (hh > 23 || mm > 59 || ss > 59) {
      throw invalid(text, "has hours, minutes or seconds out of range");
    }
    if (ff >= rate.timebase()) {
      throw invalid(text, "has frames " + ff + " out of range for " + rate + " fps");
    }
    int drop = dropFrame ? rate.droppedPerMinute() : 0;
    if (drop > 0 && ss == 0 && ff < drop && mm % 10 != 0) {
      throw invalid(text, "does not exist at " + rate + " fps drop-frame (frames 0 to "
          + (drop - 1) + " of each minute not divisible by ten are skipped)");
    }
    long totalMinutes = 60L * hh + mm;
    long count = ((hh * 3600L) + mm * 60L + ss) * rate.timebase() + ff
        - drop * (totalMinutes - totalMinutes / 10);
    return new Timecode(count, rate, dropFrame);
  }

  /** Whether {@code text} has the shape {@code HH:MM:SS:FF} (any rate, any separator). */
  public static boolean looksLikeTimecode(String text) {
    return fields(text) >= 0;
  }

  /**
   * Why {@code text} cannot be a timecode at any rate, or empty when it can. Source timecodes come
   * from cameras at other rates than the timeline, so frames up to 119 (SMPTE ST 12-3 counts up to
   * 120 fps) are possible; hours over 23 and minutes or seconds over 59 never are.
   */
  public static Optional<String> impossibility(String text) {
    long f = fields(text);
    if (f < 0) {
      return Optional.of("is not HH:MM:SS:FF");
    }
    List<String> out = new ArrayList<>(4);
    if (field(f, HOURS) > 23) {
      out.add("hours " + field(f, HOURS) + " > 23");
    }
    if (field(f, MINUTES) > 59) {
      out.add("minutes " + field(f, MINUTES) + " > 59");
    }
    if (field(f, SECONDS) > 59) {
      out.add("seconds " + field(f, SECONDS) + " > 59");
    }
    if (field(f, FRAMES) > MAX_FRAME_AT_ANY_RATE) {
      out.add("frames " + field(f, FRAMES) + " > " + MAX_FRAME_AT_ANY_RATE);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", out));
  }

  /**
   * hh, mm, ss, ff and 1 for a drop-frame separator, each in a byte of one long (see
   * {@link #field}), for {@code H:MM:SS:FF} or {@code HH:MM:SS:FF} (surrounding spaces allowed),
   * else -1. Hand-written rather than a regex, and packed rather than an array: EDLs and shot
   * lists carry millions of timecodes.
   */
  private static long fields(String text) {
    if (text == null) {
      return -1;
    }
    String t = text.strip();
    int h = t.length() - 9;
    if (h != 1 && h != 2) {
      return -1;
    }
    int hh = digits(t, 0, h);
    int mm = digits(t, h + 1, 2);
    int ss = digits(t, h + 4, 2);
    int ff = digits(t, h + 7, 2);
    char sep = t.charAt(h + 6);
    if (hh < 0 || mm < 0 || ss < 0 || ff < 0 || t.charAt(h) != ':' || t.charAt(h + 3) != ':'
        || (sep != ':' && sep != ';' && sep != '.')) {
      return -1;
    }
    return (long) hh << HOURS | (long) mm << MINUTES | (long) ss << SECONDS | (long) ff << FRAMES
        | (sep == ':' ? 0L : 1L) << DROP_SEPARATOR;
  }

  /** One field of {@link #fields}' result: two digits at most, so each fits a byte. */
  private static int field(long fields, int shift) {
    return (int) (fields >>> shift) & 0xFF;
  }

  private static int digits(String t, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The timecode {@code frames} frames after midnight, wrapped into 24 hours.
   *
   * @throws IllegalArgumentException when drop-frame is asked at a rate without it
   */
  public static Timecode ofFrames(long frames, FrameRate rate, boolean dropFrame) {
    if (dropFrame && !rate.supportsDropFrame()) {
      throw new IllegalArgumentException("drop-frame does not exist at " + rate + " fps");
    }
    return new Timecode(Math.floorMod(frames, rate.framesPerDay(dropFrame)), rate, dropFrame);
  }

  /** Frames since midnight. */
  public long frames() {
    return frames;
  }

  /** The rate the frames count at. */
  public FrameRate rate() {
    return rate;
  }

  /** Whether frame numbers are counted drop-frame. */
  public boolean isDropFrame() {
    return dropFrame;
  }

  /** This timecode moved {@code n} frames later (earlier when negative), wrapping at 24 hours. */
  public Timecode plus(long n) {
    return ofFrames(frames + n, rate, dropFrame);
  }

  /** This timecode moved {@code n} frames earlier, wrapping at 24 hours. */
  public Timecode minus(long n) {
    return plus(-n);
  }

  /**
   * Frames from this timecode to {@code later} (negative when it is earlier), without wrapping.
   * Drop-frame only labels frames differently, so a drop-frame and a non-drop timecode at the same
   * rate subtract in real frames (an EDL whose {@code FCM} changes mid-file mixes them).
   *
   * @throws IllegalArgumentException when the rates differ
   */
  public long framesUntil(Timecode later) {
    if (later.rate != rate) {
      throw new IllegalArgumentException(
          "cannot subtract " + this + " (" + rate + ") from " + later + " (" + later.rate + ")");
    }
    return later.frames - frames;
  }

  /**
   * Frames from this timecode to {@code later} the short way round the 24-hour clock: from
   * {@code 23:59:59:24} to {@code 00:00:00:00} is 1 frame, the other way -1. For timelines that
   * start at 23:00:00:00 and run past midnight; differences of half a day or more are taken the
   * other way round.
   *
   * @throws IllegalArgumentException when the rates differ
   */
  public long framesUntilAcrossMidnight(Timecode later) {
    long between = framesUntil(later);
    long day = rate.framesPerDay(dropFrame);
    if (between < -day / 2) {
      return between + day;
    }
    return between >= day / 2 ? between - day : between;
  }

  /** Real time since midnight, exact to the nanosecond (rounded half-even). */
  public BigDecimal toSeconds() {
    return BigDecimal.valueOf(frames * rate.denominator())
        .divide(BigDecimal.valueOf(rate.numerator()), 9, RoundingMode.HALF_EVEN);
  }

  /** Orders by real time since midnight, so timecodes at different rates compare correctly. */
  @Override
  public int compareTo(Timecode other) {
    // frames * den / num compared by cross-multiplication; the products stay far below 2^63.
    return Long.compare(frames * rate.denominator() * other.rate.numerator(),
        other.frames * other.rate.denominator() * rate.numerator());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timecode t && t.frames == frames && t.rate == rate && t.dropFrame == dropFrame;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frames, rate, dropFrame);
  }

  /** {@code HH:MM:SS:FF}, or {@code HH:MM:SS;FF} when drop-frame. */
  @Override
  public String toString() {
    long label = frames;
    int tb = rate.timebase();
    if (dropFrame) {
      long drop = rate.droppedPerMinute();
      long perTen = tb * 600L - 9 * drop;
      long perMinute = tb * 60L - drop;
      long tens = frames / perTen;
      long rest = frames % perTen;
      label += 9 * drop * tens + (rest < drop ? 0 : drop * ((rest - drop) / perMinute));
    }
    long ff = label % tb;
    long totalSeconds = label / tb;
    // Hand-rolled rather than String.format: exports and reports format millions of these.
    char[] out = new char[11];
    two(out, 0, totalSeconds / 3600);
    out[2] = ':';
    two(out, 3, (totalSeconds / 60) % 60);
    out[5] = ':';
    two(out, 6, totalSeconds % 60);
    out[8] = dropFrame ? ';' : ':';
    two(out, 9, ff);
    return new String(out);
  }

  private static void two(char[] out, int at, long value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }

  private static InvalidInputException invalid(String text, String problem) {
    return new InvalidInputException(null, 0, null, "timecode '" + text + "' " + problem);
  }
}
