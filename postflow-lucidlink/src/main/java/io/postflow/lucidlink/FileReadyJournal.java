package io.postflow.lucidlink;

import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.api.internal.AtomicFiles;
import io.postflow.api.internal.FileNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal file of lines {@code size TAB epochSeconds.nanos TAB path}, appended to on each mark.
 * Appending keeps a first run over 100,000 existing files linear; compaction (a fresh copy through
 * {@link AtomicFiles}: forced to disk, renamed over the old one, directory forced) keeps the file
 * proportional to the number of paths, not the number of marks. I/O failures are
 * {@link LocalFileException}s naming the journal.
 *
 * <p>The path is stored as the file system's bytes ({@link FileNames}), whatever the JVM's locale:
 * valid UTF-8 as text, any other byte as {@code \xHH}, and backslash, tab, newline and carriage
 * return escaped as {@code \\ \t \n \r}. Under a C locale Java's own string for
 * {@code Scène_01.mov} is {@code Sc\ufffd\ufffdne_01.mov}, which names no file: stored, it made the
 * file new again after every restart. Lines written before (the path's string, escaped the same
 * way) read the same.
 *
 * <p>A mark is remembered in memory only once it is written: a failed mark throws, and so does its
 * retry, until the disk takes it. Opening needs only to read: on a read-only or full disk a journal
 * whose last line is torn still opens, and is rewritten at the first mark that can write.
 */
final class FileReadyJournal implements ReadyJournal {
  private static final Logger log = LoggerFactory.getLogger(FileReadyJournal.class);
  private static final int COMPACT_SLACK = 1024;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final Path file;
  private final Map<Path, FileVersion> latest = new HashMap<>();
  private int linesInFile;
  private int skippedLines;
  /**
   * The file holds a line that must go (torn by a crash, malformed, or what a failed append left):
   * the next mark rewrites the file whole rather than glue its line onto that one.
   */
  private boolean rewriteNeeded;
  /** A size-triggered compaction failed and was logged at WARN; later failures go to DEBUG. */
  private boolean compactionFailing;

  private FileReadyJournal(Path file) {
    this.file = file;
  }

  /** Opens {@code file}, after deleting the temporary files crashed compactions left beside it. */
  static FileReadyJournal open(Path file) {
    FileReadyJournal journal = new FileReadyJournal(file.toAbsolutePath().normalize());
    AtomicFiles.deleteTemporaryFiles(journal.file);
    journal.load();
    return journal;
  }

  @Override
  public synchronized boolean alreadyReported(FileVersion version) {
    return version.equals(latest.get(version.path()));
  }

  @Override
  public synchronized void markReported(FileVersion version) {
    if (version.equals(latest.get(version.path()))) {
      return;
    }
    try {
      if (rewriteNeeded) {
        rewriteWith(version);
      } else {
        append(encode(version));
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot write the journal", file, e);
    }
    latest.put(version.path(), version); // only now: a retry of a failed mark must write again
    if (linesInFile > 2 * latest.size() + COMPACT_SLACK) {
      compactQuietly();
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
    rewriteNeeded = tornTail || skippedLines > 0;
    if (rewriteNeeded || linesInFile > latest.size() + COMPACT_SLACK) {
      try {
        compact(); // rewrites the file without the partial or malformed lines
      } catch (IOException e) {
        // A read-only or full disk: what was read is all a watcher needs to start.
        log.warn("Cannot rewrite journal {} now ({}); it is used as read, and rewritten at the next"
            + " mark that can write", file, e.toString());
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
   * Writes the file afresh with {@code version} added. Where a whole copy does not fit (a full disk
   * still takes a line), ends the bad line with a line break and appends: opening skips it.
   */
  private void rewriteWith(FileVersion version) throws IOException {
    Map<Path, FileVersion> entries = new HashMap<>(latest);
    entries.put(version.path(), version);
    try {
      write(entries.values());
      rewriteNeeded = false;
      return;
    } catch (IOException e) {
      log.debug("Cannot rewrite journal {} ({}); appending after a line break", file, e.toString());
    }
    append("\n" + encode(version));
  }

  private void append(String lines) throws IOException {
    try {
      Files.writeString(file, lines, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      rewriteNeeded = true; // part of the line may be there
      throw e;
    }
    linesInFile++;
  }

  /**
   * Rewrites the file with one line per path. Forced to disk before it replaces the old one:
   * otherwise a power cut could leave an empty journal, and every file would be reported again.
   */
  private void compact() throws IOException {
    write(latest.values());
    rewriteNeeded = false;
    log.debug("Compacted journal {} to {} entries", file, latest.size());
  }

  /** Compacts after a mark that is already written: a failure costs only size, and is retried. */
  private void compactQuietly() {
    try {
      compact();
      compactionFailing = false;
    } catch (IOException e) {
      if (!compactionFailing) {
        log.warn("Cannot compact journal {} ({}); it grows until a later mark can", file, e.toString());
      }
      log.debug("Cannot compact journal {}", file, e);
      compactionFailing = true;
    }
  }

  private void write(Collection<FileVersion> entries) throws IOException {
    AtomicFiles.write(file, out -> {
      for (FileVersion v : entries) {
        out.write(encode(v).getBytes(StandardCharsets.UTF_8));
      }
    });
    linesInFile = entries.size();
  }

  private static String encode(FileVersion v) {
    Instant t = v.lastModified();
    return v.size() + "\t" + t.getEpochSecond() + "." + t.getNano() + "\t"
        + escape(FileNames.bytes(v.path())) + "\n";
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
      return FileVersion.of(FileNames.path(file.getFileSystem(), unescape(parts[2])), size, mtime);
    } catch (RuntimeException e) {
      throw new InvalidInputException(file.toString(), lineNo, null,
          "cannot parse journal entry: " + e.getMessage());
    }
  }

  /**
   * A name's bytes as a journal field: valid UTF-8 as text, other bytes as {@code \xHH}; the
   * journal's separators (tab, newline) and the escape character itself escaped.
   */
  static String escape(byte[] name) {
    StringBuilder out = new StringBuilder(name.length + 16);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(name);
    CharBuffer text = CharBuffer.allocate(name.length); // UTF-8 never gives more chars than bytes
    while (true) {
      CoderResult result = utf8.decode(in, text, true);
      text.flip();
      while (text.hasRemaining()) {
        char c = text.get();
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '\t' -> out.append("\\t");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          default -> out.append(c);
        }
      }
      text.clear();
      if (!result.isError()) {
        return out.toString();
      }
      for (int i = 0; i < result.length(); i++) {
        int b = in.get() & 0xff;
        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
      }
    }
  }

  /** The bytes {@link #escape} was given; also reads the lines of versions before {@code \xHH}. */
  static byte[] unescape(String field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(field.length());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\' || i + 1 == field.length()) {
        text.append(c);
        continue;
      }
      char n = field.charAt(++i);
      if (n == 'x') {
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
        out.write(Integer.parseInt(field, i + 1, i + 3, 16));
        i += 2;
      } else {
        text.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      }
    }
    out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
