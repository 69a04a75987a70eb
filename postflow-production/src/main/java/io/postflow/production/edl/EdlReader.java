package io.postflow.production.edl;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.production.internal.Charsets;
import io.postflow.production.internal.HeadThenRest;
import io.postflow.production.internal.LineReader;
import io.postflow.production.timecode.FrameRate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CMX3600 EDLs. Lenient by default: every oddity (record gaps and overlaps, unknown lines,
 * missing clip names, lines that are not UTF-8) becomes an {@link EdlWarning} with its line; in
 * {@linkplain Builder#strict strict} mode any warning fails the read instead.
 *
 * <p>The EDL does not state its rate, so it comes from configuration: record timecodes are
 * validated at it; source timecodes are kept as written, because cameras at other rates give
 * values (frame 38 at 25 fps) that are not wrong. Lines that are not UTF-8 are decoded with the
 * fallback charset (Mac Roman by default).
 *
 * <p>Garbage gets a clear no: a file that is empty, binary, UTF-16, a spreadsheet, or has no event
 * line in its first 64 KiB is rejected before parsing with the reason. Memory stays bounded on any
 * input: the file is streamed, lines longer than 64 KiB are skipped, at most 100 warnings are kept
 * (all are counted), 1,000 comment lines per event and {@linkplain Builder#maxEvents
 * 200,000 events} by default.
 *
 * <p>Immutable and thread-safe; {@link #read(Path)} blocks on file I/O.
 *
 * <pre>{@code
 * EdlReader reader = EdlReader.builder().rate(FrameRate.FPS_25).build();
 * Edl edl = reader.read(Path.of("KRAK_REEL1_V07.edl"));
 * }</pre>
 */
public final class EdlReader {
  private static final Logger LOG = LoggerFactory.getLogger(EdlReader.class);
  private static final int WARNINGS_IN_MESSAGE = 10;
  /** Longer lines are skipped with a warning: an EDL line is under 200 bytes. */
  private static final int MAX_LINE_BYTES = 64 * 1024;
  private static final int DEFAULT_MAX_EVENTS = 200_000;

  private final FrameRate rate;
  private final Charset fallbackCharset;
  private final boolean strict;
  private final int maxEvents;

  private EdlReader(Builder b) {
    this.rate = b.rate;
    this.fallbackCharset = b.fallbackCharset;
    this.strict = b.strict;
    this.maxEvents = b.maxEvents;
  }

  /** A builder; {@code rate} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads an EDL file.
   *
   * @throws LocalFileException naming the file when it cannot be read
   * @throws InvalidInputException naming the file (and the line when there is one): not an EDL, more
   *     than {@link Builder#maxEvents} events, or, in strict mode, the warnings found
   */
  public Edl read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, String.valueOf(file.getFileName()));
    } catch (IOException e) {
      throw new LocalFileException("cannot read the EDL", file, e);
    } catch (UncheckedIOException e) {
      throw new LocalFileException("cannot read the EDL", file, e.getCause());
    }
  }

  /**
   * Reads an EDL from bytes; {@code source} names it in warnings and errors.
   *
   * @throws InvalidInputException as {@link #read(Path)}
   */
  public Edl read(byte[] content, String source) {
    return read(new ByteArrayInputStream(content), source);
  }

  /**
   * Reads an EDL from a stream, to its end, in bounded memory; {@code source} names it in warnings
   * and errors. The stream is not closed.
   *
   * @throws UncheckedIOException when the stream fails
   * @throws InvalidInputException as {@link #read(Path)}
   */
  public Edl read(InputStream content, String source) {
    Edl edl;
    try {
      byte[] head = content.readNBytes(EdlSniffer.WINDOW_BYTES);
      boolean whole = head.length < EdlSniffer.WINDOW_BYTES;
      EdlSniffer.check(head, whole, source, fallbackCharset);
      InputStream all = new HeadThenRest(head, 0, head.length, content);
      edl = new EdlParser(source, rate, fallbackCharset, maxEvents)
          .parse(new LineReader(all, fallbackCharset, MAX_LINE_BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read EDL " + source + ": " + e.getMessage(), e);
    }
    LOG.debug("{}: {} events, {} warnings", source, edl.events().size(), edl.warningCount());
    if (strict && edl.warningCount() > 0) {
      String listed = edl.warnings().stream().limit(WARNINGS_IN_MESSAGE).map(EdlWarning::toString)
          .collect(Collectors.joining("; "));
      int more = edl.warningCount() - WARNINGS_IN_MESSAGE;
      throw new InvalidInputException(source, edl.warnings().get(0).line(), null,
          "strict mode: " + edl.warningCount() + " problem(s): " + listed
              + (more > 0 ? "; and " + more + " more" : ""));
    }
    return edl;
  }

  /** Builds an {@link EdlReader}; not thread-safe. */
  public static final class Builder {
    private FrameRate rate;
    private Charset fallbackCharset;
    private boolean strict;
    private int maxEvents = DEFAULT_MAX_EVENTS;

    private Builder() {}

    /** Required: the timeline rate the record timecodes are validated at. */
    public Builder rate(FrameRate rate) {
      this.rate = rate;
      return this;
    }

    /** The charset for lines that are not UTF-8; default {@code x-MacRoman}. */
    public Builder fallbackCharset(Charset fallbackCharset) {
      this.fallbackCharset = fallbackCharset;
      return this;
    }

    /**
     * The fallback charset by name.
     *
     * @throws ConfigurationException naming the value when the JDK does not know it
     */
    public Builder fallbackCharset(String name) {
      return fallbackCharset(Charsets.named("fallbackCharset", name));
    }

    /** Whether warnings are errors; default false. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * The most events read before the file is rejected, so that memory stays bounded on any
     * input; default 200,000 (a feature's cut has a few thousand; each event keeps about 600
     * bytes).
     */
    public Builder maxEvents(int maxEvents) {
      this.maxEvents = maxEvents;
      return this;
    }

    /** @throws ConfigurationException when {@code rate} is missing or {@code maxEvents} below 1 */
    public EdlReader build() {
      if (rate == null) {
        throw new ConfigurationException("'rate' is required: an EDL does not state its frame rate");
      }
      if (maxEvents < 1) {
        throw new ConfigurationException("'maxEvents' must be at least 1, got " + maxEvents);
      }
      if (fallbackCharset == null) {
        fallbackCharset = Charset.forName("x-MacRoman");
      }
      return new EdlReader(this);
    }
  }
}
