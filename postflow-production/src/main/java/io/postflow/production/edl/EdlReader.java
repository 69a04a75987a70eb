package io.postflow.production.edl;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.production.internal.LineDecoder;
import io.postflow.production.timecode.FrameRate;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.postflow.production.internal.Charsets;
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

  private final FrameRate rate;
  private final Charset fallbackCharset;
  private final boolean strict;

  private EdlReader(Builder b) {
    this.rate = b.rate;
    this.fallbackCharset = b.fallbackCharset;
    this.strict = b.strict;
  }

  /** A builder; {@code rate} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads an EDL file.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws InvalidInputException naming the file and line: a record timecode invalid at the
   *     configured rate, or, in strict mode, the warnings found
   */
  public Edl read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read EDL " + file + ": " + e.getMessage(), e);
    }
    return read(bytes, String.valueOf(file.getFileName()));
  }

  /**
   * Reads an EDL from bytes; {@code source} names it in warnings and errors.
   *
   * @throws InvalidInputException as {@link #read(Path)}
   */
  public Edl read(byte[] content, String source) {
    var lines = new LineDecoder(fallbackCharset).decode(content);
    Edl edl = new EdlParser(source, rate, fallbackCharset).parse(lines);
    LOG.debug("{}: {} events, {} lines, {} warnings", source, edl.events().size(), lines.size(),
        edl.warnings().size());
    if (strict && !edl.warnings().isEmpty()) {
      String listed = edl.warnings().stream().limit(WARNINGS_IN_MESSAGE).map(EdlWarning::toString)
          .collect(Collectors.joining("; "));
      int more = edl.warnings().size() - WARNINGS_IN_MESSAGE;
      throw new InvalidInputException(source, edl.warnings().get(0).line(), null,
          "strict mode: " + edl.warnings().size() + " problem(s): " + listed
              + (more > 0 ? "; and " + more + " more" : ""));
    }
    return edl;
  }

  /** Builds an {@link EdlReader}; not thread-safe. */
  public static final class Builder {
    private FrameRate rate;
    private Charset fallbackCharset;
    private boolean strict;

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

    /** @throws ConfigurationException when {@code rate} is missing */
    public EdlReader build() {
      if (rate == null) {
        throw new ConfigurationException("'rate' is required: an EDL does not state its frame rate");
      }
      if (fallbackCharset == null) {
        fallbackCharset = Charset.forName("x-MacRoman");
      }
      return new EdlReader(this);
    }
  }
}
