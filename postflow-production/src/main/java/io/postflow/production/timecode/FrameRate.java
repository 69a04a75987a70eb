package io.postflow.production.timecode;

import io.postflow.api.ConfigurationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A video frame rate kept as an exact fraction ({@code 30000/1001} for 29.97), so frame arithmetic
 * never goes through floating point.
 *
 * <p>The <em>timebase</em> is the number of frame labels per timecode second (30 for 29.97); the
 * real rate is {@code numerator / denominator}. Drop-frame counting exists only at 29.97 and 59.94.
 * Immutable and thread-safe.
 */
public final class FrameRate {
  /** 23.976 (24000/1001); never drop-frame. */
  public static final FrameRate FPS_23_976 = new FrameRate(24000, 1001, "23.976");
  /** 24 frames per second. */
  public static final FrameRate FPS_24 = new FrameRate(24, 1, "24");
  /** 25 frames per second. */
  public static final FrameRate FPS_25 = new FrameRate(25, 1, "25");
  /** 29.97 (30000/1001); drop-frame or not. */
  public static final FrameRate FPS_29_97 = new FrameRate(30000, 1001, "29.97");
  /** 30 frames per second. */
  public static final FrameRate FPS_30 = new FrameRate(30, 1, "30");
  /** 48 frames per second. */
  public static final FrameRate FPS_48 = new FrameRate(48, 1, "48");
  /** 50 frames per second. */
  public static final FrameRate FPS_50 = new FrameRate(50, 1, "50");
  /** 59.94 (60000/1001); drop-frame or not. */
  public static final FrameRate FPS_59_94 = new FrameRate(60000, 1001, "59.94");
  /** 60 frames per second. */
  public static final FrameRate FPS_60 = new FrameRate(60, 1, "60");

  private static final List<FrameRate> SUPPORTED =
      List.of(FPS_23_976, FPS_24, FPS_25, FPS_29_97, FPS_30, FPS_48, FPS_50, FPS_59_94, FPS_60);

  private final long numerator;
  private final long denominator;
  private final String label;
  private final int timebase;

  private FrameRate(long numerator, long denominator, String label) {
    this.numerator = numerator;
    this.denominator = denominator;
    this.label = label;
    // 24000/1001 counts 24 labels per second; ceiling division gives that without a double.
    this.timebase = (int) ((numerator + denominator - 1) / denominator);
  }

  /** Every rate PostFlow supports, slowest first. */
  public static List<FrameRate> supported() {
    return SUPPORTED;
  }

  /**
   * Parses {@code 23.976}, {@code 23.98}, {@code 24}, {@code 25}, {@code 29.97}, {@code 30},
   * {@code 48}, {@code 50}, {@code 59.94}, {@code 60} (trailing zeros, a decimal comma and an
   * {@code fps} suffix are allowed: {@code 25.00}, {@code 59,94}) or a fraction such as
   * {@code 30000/1001}.
   *
   * @throws ConfigurationException naming the value when it is not a supported rate
   */
  public static FrameRate parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith("fps")) {
      t = t.substring(0, t.length() - 3).strip();
    }
    // Tools write "25.00", "29.970", and locales with a decimal comma "59,94": compare numbers.
    t = t.replace(',', '.');
    BigDecimal value = null;
    if (t.matches("\\d{1,3}(\\.\\d{1,4})?")) {
      value = new BigDecimal(t);
      if (value.compareTo(new BigDecimal("23.98")) == 0) {
        return FPS_23_976;
      }
    }
    for (FrameRate rate : SUPPORTED) {
      if ((rate.numerator + "/" + rate.denominator).equals(t)
          || (value != null && value.compareTo(new BigDecimal(rate.label)) == 0)) {
        return rate;
      }
    }
    throw new ConfigurationException(
        "frame rate '" + text + "' is not supported; use one of 23.976, 24, 25, 29.97, 30, 48, 50,"
            + " 59.94, 60");
  }

  /** Frames per second, numerator of the exact fraction. */
  public long numerator() {
    return numerator;
  }

  /** Denominator of the exact fraction (1 or 1001). */
  public long denominator() {
    return denominator;
  }

  /** Frame labels per timecode second: 24, 25, 30, 48, 50 or 60. */
  public int timebase() {
    return timebase;
  }

  /** Whether drop-frame counting is defined at this rate (29.97 and 59.94 only). */
  public boolean supportsDropFrame() {
    return denominator == 1001 && timebase % 30 == 0;
  }

  /** Frame numbers skipped at the start of each minute not divisible by ten (2 or 4), else 0. */
  int droppedPerMinute() {
    return supportsDropFrame() ? timebase / 15 : 0;
  }

  /** Frames in 24 hours of timecode, with or without drop-frame counting. */
  long framesPerDay(boolean dropFrame) {
    long perTenMinutes = timebase * 600L - (dropFrame ? 9L * droppedPerMinute() : 0L);
    return perTenMinutes * 144L;
  }

  /** The usual label, e.g. {@code 29.97}. */
  @Override
  public String toString() {
    return label;
  }
}
