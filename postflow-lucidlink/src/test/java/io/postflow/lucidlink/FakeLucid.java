package io.postflow.lucidlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bash script that behaves like the LucidLink CLI: for each argument string it prints a
 * recorded output, fails with a message, or hangs; anything else fails like an unknown command.
 * Every invocation is logged so tests can assert on the exact arguments. The script's path is
 * passed to {@link LucidCli.Builder#executable}; PATH is never changed.
 */
final class FakeLucid {
  private final Path dir;
  private final Map<String, String> cases = new LinkedHashMap<>();
  private int files;

  FakeLucid(Path dir) {
    this.dir = dir;
  }

  /** Prints a recording from {@code src/test/resources/lucid/}, with {@code @KEY@} replaced. */
  FakeLucid printsRecording(String args, String recording, String... keyValues) {
    String text = resource(recording);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      text = text.replace("@" + keyValues[i] + "@", keyValues[i + 1]);
    }
    return prints(args, text);
  }

  FakeLucid prints(String args, String output) {
    Path out = dir.resolve("out" + (files++) + ".txt");
    write(out, output);
    cases.put(args, "cat '" + out + "'");
    return this;
  }

  FakeLucid fails(String args, int exitCode, String message) {
    cases.put(args, "echo '" + message + "' >&2; exit " + exitCode);
    return this;
  }

  FakeLucid hangs(String args) {
    cases.put(args, "sleep 600");
    return this;
  }

  /** Writes the script as {@code name} (e.g. {@code lucid3}) and returns its path. */
  Path install(String name) {
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("echo \"$*\" >> '").append(calls()).append("'\n");
    s.append("case \"$*\" in\n");
    cases.forEach((args, body) -> s.append("  '").append(args).append("') ").append(body).append(" ;;\n"));
    s.append("  *) echo \"lucid: unknown command '$*'\" >&2; exit 64 ;;\nesac\n");
    Path script = dir.resolve(name);
    write(script, s.toString());
    try {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return script;
  }

  List<String> invocations() throws IOException {
    return Files.exists(calls()) ? Files.readAllLines(calls()) : List.of();
  }

  private Path calls() {
    return dir.resolve("calls.log");
  }

  static String resource(String name) {
    try (InputStream in = FakeLucid.class.getResourceAsStream("/lucid/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test recording " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
