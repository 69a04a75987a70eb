package io.postflow.lucidlink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Run by {@link ReadyJournalLocaleTest} in a JVM under a C locale, as a service started by systemd
 * or cron often is: lists the renders folder as a watcher would, says whether the journal already
 * knew each file, and marks it. Prints {@code jnu=<encoding>}, then per file
 * {@code <name with non-ASCII as \\uXXXX> already=<bool>}.
 */
public final class JournalLocaleChild {
  private JournalLocaleChild() {}

  public static void main(String[] args) throws Exception {
    ReadyJournal journal = ReadyJournal.durable(Path.of(args[0]));
    System.out.println("jnu=" + System.getProperty("sun.jnu.encoding"));
    try (Stream<Path> files = Files.list(Path.of(args[1]))) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileVersion version = FileVersion.of(file, attributes.size(), attributes.lastModifiedTime().toInstant());
        System.out.println(ascii(file.getFileName().toString()) + " already=" + journal.alreadyReported(version));
        journal.markReported(version);
      }
    }
  }

  private static String ascii(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return out.toString();
  }
}
