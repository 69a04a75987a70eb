package io.postflow.production.shotlist;

import io.postflow.api.ConfigurationException;
import io.postflow.api.ShotStatus;
import io.postflow.production.timecode.FrameRate;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.production.internal.Charsets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the production's shot list (CSV exported from its spreadsheet): RFC 4180 quoting, a UTF-8
 * BOM, CRLF or LF, blank lines and trailing empty columns; columns found by header through a
 * {@link ColumnMapping}. Dirty cells are kept as written and normalised for matching, and every
 * normalisation is reported.
 *
 * <p>Immutable and thread-safe; {@link #read(Path)} blocks on file I/O.
 *
 * <pre>{@code
 * ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build().read(Path.of("shots.csv"));
 * ShotListStatistics stats = list.statistics();
 * }</pre>
 */
public final class ShotListReader {
  private static final Logger LOG = LoggerFactory.getLogger(ShotListReader.class);
  private static final int WARNINGS_IN_MESSAGE = 10;

  private final FrameRate rate;
  private final boolean dropFrame;
  private final ColumnMapping columns;
  private final Charset fallbackCharset;
  private final boolean strict;

  private ShotListReader(Builder b) {
    this.rate = b.rate;
    this.dropFrame = b.dropFrame;
    this.columns = b.columns;
    this.fallbackCharset = b.fallbackCharset;
    this.strict = b.strict;
  }

  /** A builder; {@code rate} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The rate record timecodes are read at. */
  public FrameRate rate() {
    return rate;
  }

  /**
   * Reads a shot list file; every shot is {@link ShotStatus#PENDING}. The file is streamed row by
   * row: memory holds the shots, not the file.
   *
   * @throws LocalFileException naming the file when it cannot be read
   * @throws InvalidInputException naming the file and line: no header row, missing required
   *     columns (listing the headers found), a quoted cell that swallows the rest of the file, a
   *     cell over 1 MiB, a row over 4 MiB or 4,096 cells, a binary file (a NUL byte), or,
   *     in strict mode, the warnings found (short rows, emptied record timecodes, a cut-off last
   *     row, ...)
   */
  public ShotList read(Path file) {
    // Streamed: the file's bytes are never all in memory, only the shots built from its rows.
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, Files.size(file), String.valueOf(file.getFileName()), Map.of(), ShotStatus.PENDING);
    } catch (IOException e) {
      throw new LocalFileException("cannot read the shot list", file, e);
    }
  }

  /**
   * Reads a shot list from bytes; {@code source} names it in warnings and errors.
   *
   * @throws InvalidInputException as {@link #read(Path)}
   */
  public ShotList read(byte[] content, String source) {
    return read(content, source, Map.of(), ShotStatus.PENDING);
  }

  /**
   * Reads a shot list from rows of cells (a spreadsheet read through an API): read exactly as the
   * same rows exported to CSV, with every line number (of shots and warnings) the 1-based row.
   * Rows may be shorter than others (APIs leave out trailing empty cells).
   *
   * @throws io.postflow.api.InvalidInputException as {@link #read(Path)}, naming the row
   */
  public ShotList read(List<List<String>> rows, String source) {
    return read(rows, source, ShotStatus.PENDING);
  }

  /**
   * Like {@link #read(List, String)}, every shot starting in {@code initial} (the first status of
   * the production's workflow).
   */
  public ShotList read(List<List<String>> rows, String source, ShotStatus initial) {
    int width = rows.stream().mapToInt(List::size).max().orElse(0);
    CsvWriter csv = new CsvWriter();
    // The CSV line each row starts on: a cell with line breaks spans several lines.
    int[] rowOfLine = new int[16];
    int line = 1;
    for (int r = 0; r < rows.size(); r++) {
      List<String> cells = new ArrayList<>(rows.get(r));
      while (cells.size() < width) {
        cells.add("");
      }
      csv.row(cells);
      int spans = 1;
      for (String cell : cells) {
        spans += lineBreaks(cell);
      }
      for (int i = 0; i < spans; i++, line++) {
        if (line >= rowOfLine.length) {
          rowOfLine = Arrays.copyOf(rowOfLine, rowOfLine.length * 2);
        }
        rowOfLine[line] = r + 1;
      }
    }
    int[] rowsByLine = rowOfLine;
    int lastLine = line - 1;
    ShotList list = read(csv.toString().getBytes(StandardCharsets.UTF_8), source, Map.of(), initial);
    return list.withLines(l -> l >= 1 && l <= lastLine ? rowsByLine[l] : l);
  }

  /** Line breaks as the CSV reader counts them: CRLF, LF and a lone CR are one each. */
  private static int lineBreaks(String cell) {
    int breaks = 0;
    for (int i = 0, n = cell == null ? 0 : cell.length(); i < n; i++) {
      char c = cell.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == n || cell.charAt(i + 1) != '\n'))) {
        breaks++;
      }
    }
    return breaks;
  }

  ShotList read(byte[] content, String source, Map<String, ShotStatus> statuses, ShotStatus initial) {
    try {
      return read(new ByteArrayInputStream(content), content.length, source, statuses, initial);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: the bytes are in memory
    }
  }

  private ShotList read(InputStream content, long size, String source, Map<String, ShotStatus> statuses,
      ShotStatus initial) throws IOException {
    ShotList list = new ShotListParser(source, rate, dropFrame, columns, fallbackCharset)
        .parse(content, size, statuses, initial);
    LOG.debug("{}: {} shots, {} scenes, {} warnings, {} normalisations", source, list.shots().size(),
        list.scenes().size(), list.warnings().size(), list.normalisations().size());
    if (strict && !list.warnings().isEmpty()) {
      ShotListWarning first = list.warnings().get(0);
      String listed = list.warnings().stream().limit(WARNINGS_IN_MESSAGE).map(ShotListWarning::toString)
          .collect(Collectors.joining("; "));
      int more = list.warnings().size() - WARNINGS_IN_MESSAGE;
      throw new InvalidInputException(source, first.line(), first.header().isEmpty() ? null : first.header(),
          "strict mode: " + list.warnings().size() + " problem(s): " + listed
              + (more > 0 ? "; and " + more + " more" : ""));
    }
    return list;
  }

  static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LocalFileException("cannot read the shot list", file, e);
    }
  }

  /** Builds a {@link ShotListReader}; not thread-safe. */
  public static final class Builder {
    private FrameRate rate;
    private boolean dropFrame;
    private ColumnMapping columns = ColumnMapping.defaults();
    private Charset fallbackCharset;
    private boolean strict;

    private Builder() {}

    /** Required: the production's frame rate, for record timecodes and durations. */
    public Builder rate(FrameRate rate) {
      this.rate = rate;
      return this;
    }

    /**
     * Whether record timecodes written with colons count drop-frame; default false (only those
     * written with {@code ;} or {@code .} do). At 29.97 and 59.94 spreadsheets often carry the
     * drop-frame labels of the edit typed with colons; without this they would be read as
     * non-drop and be up to 108 frames an hour off the EDL.
     */
    public Builder dropFrame(boolean dropFrame) {
      this.dropFrame = dropFrame;
      return this;
    }

    /** Which header holds which column; default {@link ColumnMapping#defaults()}. */
    public Builder columns(ColumnMapping columns) {
      this.columns = columns;
      return this;
    }

    /** Whether warnings are errors (the read fails listing them); default false. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** The charset for lines that are not UTF-8; default {@code windows-1252} (Excel's). */
    public Builder fallbackCharset(Charset fallbackCharset) {
      this.fallbackCharset = fallbackCharset;
      return this;
    }

    /** @throws ConfigurationException naming the value when the JDK does not know the charset */
    public Builder fallbackCharset(String name) {
      return fallbackCharset(Charsets.named("fallbackCharset", name));
    }

    /**
     * @throws ConfigurationException when {@code rate} or {@code columns} is missing, or
     *     {@code dropFrame} is set at a rate without drop-frame
     */
    public ShotListReader build() {
      if (rate == null) {
        throw new ConfigurationException("'rate' is required to read record timecodes");
      }
      if (dropFrame && !rate.supportsDropFrame()) {
        throw new ConfigurationException("'dropFrame' is set but drop-frame does not exist at "
            + rate + " fps (only 29.97 and 59.94)");
      }
      if (columns == null) {
        throw new ConfigurationException("'columns' must not be null");
      }
      if (fallbackCharset == null) {
        fallbackCharset = Charset.forName("windows-1252");
      }
      return new ShotListReader(this);
    }
  }
}
