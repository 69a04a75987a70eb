package io.postflow.lucidlink;

import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.api.internal.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal file of lines {@code size TAB epochSeconds.nanos TAB escapedPath}, appended to on each
 * mark. Appending keeps a first run over 100,000 existing files linear; compaction (a fresh copy
 * through {@link AtomicFiles}: forced to disk, renamed over the old one, directory forced) keeps
 * the file proportional to the number of paths, not the number of marks. I/O failures are
 * {@link LocalFileException}s naming the journal.
 */
final class FileReadyJournal implements ReadyJournal {
  private static final Logger log = LoggerFactory.getLogger(FileReadyJournal.class);
  private static final int COMPACT_SLACK = 1024;

  private final Path file;
  private final Map<Path, FileVersion> latest = new HashMap<>();
  private int linesInFile;
  private int skippedLines;

  private FileReadyJournal(Path file) {
    this.file = file;
  }

  static FileReadyJournal open(Path file) {
    FileReadyJournal journal = new FileReadyJournal(file.toAbsolutePath().normalize());
    journal.load();
    return journal;
  }

  @Override
  public synchronized boolean alreadyReported(FileVersion version) {
    return version.equals(latest.get(version.path()));
  }

  @Override
  public synchronized void markReported(FileVersion version) {
    if (version.equals(latest.put(version.path(), version))) {
      return;
    }
    try {
      Files.writeString(file, encode(version), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      linesInFile++;
      if (linesInFile > 2 * latest.size() + COMPACT_SLACK) {
        compact();
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot write the journal", file, e);
    }
  }

  synchronized int size() {
    return latest.size();
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LocalFileException("cannot read the journal", file, e);
    }
    // Lines are split as bytes and decoded one by one: a failed append can leave a partial line,
    // even half a multi-byte UTF-8 character, at the end or (when a later append succeeded) in
    // the middle. Such a line is skipped; the rest of the journal must stay usable.
    int lineNo = 0;
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lineNo++;
        if (i > from) {
          read(bytes, from, i, lineNo);
        }
        from = i + 1;
      }
    }
    boolean tornTail = from < bytes.length;
    if (tornTail) {
      log.warn("Journal {} ends with a partial line (interrupted write); ignoring it", file);
    }
    linesInFile = lineNo;
    if (tornTail || skippedLines > 0 || linesInFile > latest.size() + COMPACT_SLACK) {
      try {
        compact(); // rewrites the file without the partial or malformed lines
      } catch (IOException e) {
        throw new LocalFileException("cannot compact the journal", file, e);
      }
    }
  }

  /** Reads line {@code lineNo}, bytes {@code [from, to)}; a malformed one is skipped with a WARN. */
  private void read(byte[] bytes, int from, int to, int lineNo) {
    FileVersion v;
    try {
      String line = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
      v = decode(line, lineNo);
    } catch (CharacterCodingException | InvalidInputException e) {
      skippedLines++;
      log.warn("Journal {} line {} is malformed ({}); skipping it: the version it recorded may be reported"
          + " again", file, lineNo, e instanceof InvalidInputException ? e.getMessage() : "not UTF-8");
      return;
    }
    latest.put(v.path(), v);
  }

  /** How many malformed lines opening skipped, for tests. */
  synchronized int skippedLines() {
    return skippedLines;
  }

  /**
   * Rewrites the file with one line per path. Forced to disk before it replaces the old one:
   * otherwise a power cut could leave an empty journal, and every file would be reported again.
   */
  private void compact() throws IOException {
    AtomicFiles.write(file, out -> {
      for (FileVersion v : latest.values()) {
        out.write(encode(v).getBytes(StandardCharsets.UTF_8));
      }
    });
    linesInFile = latest.size();
    log.debug("Compacted journal {} to {} entries", file, latest.size());
  }

  private static String encode(FileVersion v) {
    Instant t = v.lastModified();
    return v.size() + "\t" + t.getEpochSecond() + "." + t.getNano() + "\t"
        + escape(v.path().toString()) + "\n";
  }

  private FileVersion decode(String line, int lineNo) {
    String[] parts = line.split("\t", 3);
    if (parts.length != 3) {
      throw new InvalidInputException(file.toString(), lineNo, null,
          "expected 'size<TAB>mtime<TAB>path', found " + parts.length + " field(s)");
    }
    try {
      long size = Long.parseLong(parts[0]);
      int dot = parts[1].indexOf('.');
      Instant mtime = Instant.ofEpochSecond(Long.parseLong(parts[1].substring(0, dot)),
          Long.parseLong(parts[1].substring(dot + 1)));
      return FileVersion.of(Path.of(unescape(parts[2])), size, mtime);
    } catch (RuntimeException e) {
      throw new InvalidInputException(file.toString(), lineNo, null,
          "cannot parse journal entry: " + e.getMessage());
    }
  }

  /** File names may contain tabs and newlines; the journal's separators must stay unambiguous. */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
