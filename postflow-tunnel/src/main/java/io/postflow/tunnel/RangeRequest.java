package io.postflow.tunnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code Range} header asks of a file of a known size, decided once, strictly (RFC 9110
 * section 14). Pure: no I/O, so it can be fuzzed with thousands of inputs.
 *
 * <p>Choices: a syntactically invalid header, or one with more than {@link #MAX_RANGES} ranges,
 * is ignored (the whole file is sent, as the RFC allows). Several satisfiable ranges are
 * coalesced when they overlap or touch; if that leaves one range it is sent as a single-part
 * {@code 206}, otherwise the header is ignored and the whole file is sent with {@code 200}. We
 * never send {@code multipart/byteranges}: downloaders resume with single ranges, and a multipart
 * writer is attack surface with no user.
 */
final class RangeRequest {
  /** Above this many ranges the header is treated as abusive and ignored. */
  static final int MAX_RANGES = 64;

  enum Kind { FULL, PARTIAL, UNSATISFIABLE }

  private final Kind kind;
  private final long start;
  private final long endInclusive;

  private RangeRequest(Kind kind, long start, long endInclusive) {
    this.kind = kind;
    this.start = start;
    this.endInclusive = endInclusive;
  }

  static RangeRequest full(long size) {
    return new RangeRequest(Kind.FULL, 0, size - 1);
  }

  Kind kind() {
    return kind;
  }

  /** First byte to send; 0 for a full response. */
  long start() {
    return start;
  }

  /** Last byte to send, inclusive; {@code size - 1} for a full response (-1 for an empty file). */
  long endInclusive() {
    return endInclusive;
  }

  long length() {
    return endInclusive - start + 1;
  }

  /**
   * Decides what to send for {@code header} (null when absent) against a file of {@code size}
   * bytes.
   */
  static RangeRequest parse(String header, long size) {
    if (header == null) {
      return full(size);
    }
    String value = header.trim();
    int eq = value.indexOf('=');
    if (eq < 0 || !value.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
      return full(size); // unknown unit: ignore
    }
    String[] specs = value.substring(eq + 1).split(",", -1);
    if (specs.length > MAX_RANGES) {
      return full(size);
    }
    List<long[]> satisfiable = new ArrayList<>();
    int nonEmpty = 0;
    for (String raw : specs) {
      String spec = raw.trim();
      if (spec.isEmpty()) {
        continue;
      }
      nonEmpty++;
      int dash = spec.indexOf('-');
      if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
        return full(size);
      }
      String first = spec.substring(0, dash);
      String last = spec.substring(dash + 1);
      if (first.isEmpty()) {
        long suffix = digits(last);
        if (suffix < 0) {
          return full(size);
        }
        if (suffix > 0 && size > 0) {
          satisfiable.add(new long[] {Math.max(0, size - suffix), size - 1});
        }
        continue;
      }
      long from = digits(first);
      if (from < 0) {
        return full(size);
      }
      long to;
      if (last.isEmpty()) {
        to = Long.MAX_VALUE;
      } else {
        to = digits(last);
        if (to < 0 || to < from) {
          return full(size);
        }
      }
      if (from < size) {
        satisfiable.add(new long[] {from, Math.min(to, size - 1)});
      }
    }
    if (nonEmpty == 0) {
      return full(size);
    }
    if (satisfiable.isEmpty()) {
      return new RangeRequest(Kind.UNSATISFIABLE, 0, -1);
    }
    satisfiable.sort(Comparator.comparingLong(r -> r[0]));
    long start = satisfiable.get(0)[0];
    long end = satisfiable.get(0)[1];
    for (int i = 1; i < satisfiable.size(); i++) {
      long[] r = satisfiable.get(i);
      if (r[0] > end + 1) {
        return full(size); // disjoint ranges: see the class comment
      }
      end = Math.max(end, r[1]);
    }
    return new RangeRequest(Kind.PARTIAL, start, end);
  }

  /** A non-negative decimal, saturating at Long.MAX_VALUE; -1 when not only ASCII digits. */
  private static long digits(String s) {
    if (s.isEmpty()) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (n > (Long.MAX_VALUE - 9) / 10) {
        n = Long.MAX_VALUE;
      } else {
        n = n * 10 + (c - '0');
      }
    }
    return n;
  }
}
