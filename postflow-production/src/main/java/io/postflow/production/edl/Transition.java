package io.postflow.production.edl;

import java.util.Locale;
import java.util.Optional;

/** The transition field of a CMX3600 event line. */
public enum Transition {
  /** {@code C}. */
  CUT,
  /** {@code D}, with a duration in frames. */
  DISSOLVE,
  /** {@code Wnnn}, the SMPTE wipe code after the {@code W}, with a duration. */
  WIPE,
  /** {@code K}, {@code KB} (key background), {@code KO} (key out). */
  KEY;

  /** The transition a field denotes, or empty when it is none of them. */
  static Optional<Transition> fromField(String field) {
    String f = field.toUpperCase(Locale.ROOT);
    if (f.equals("C")) {
      return Optional.of(CUT);
    }
    if (f.equals("D")) {
      return Optional.of(DISSOLVE);
    }
    if (f.matches("W\\d{1,3}")) {
      return Optional.of(WIPE);
    }
    if (f.equals("K") || f.equals("KB") || f.equals("KO")) {
      return Optional.of(KEY);
    }
    return Optional.empty();
  }
}
