package io.postflow.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Input from outside (a shot list, an EDL, a file name, a timecode) cannot be read. Names where:
 * the source (usually a file name), the line and the field when known, so the user can fix it.
 */
public class InvalidInputException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String field;

  /**
   * @param source what was being read, e.g. {@code shots.csv}; may be null
   * @param line the 1-based line number, or 0 when unknown
   * @param field the column, header or field, or null when unknown
   * @param problem what is wrong, e.g. {@code "frames 30 out of range for 29.97 fps"}
   */
  public InvalidInputException(String source, int line, String field, String problem) {
    super(describe(source, line, field, problem));
    this.source = source;
    this.line = line;
    this.field = field;
  }

  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  private static String describe(String source, int line, String field, String problem) {
    StringBuilder where = new StringBuilder();
    if (source != null) {
      where.append(source);
    }
    if (line > 0) {
      where.append(where.length() > 0 ? ":" : "line ").append(line);
    }
    if (field != null) {
      where.append(where.length() > 0 ? " " : "").append('[').append(field).append(']');
    }
    return where.length() == 0 ? problem : where + ": " + problem;
  }
}
