package io.postflow.tunnel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Writes shell scripts that run {@link FakeTunnelMain} with the current JVM, and reads its records. */
final class FakeAgents {
  private final Path state;

  FakeAgents(Path state) {
    this.state = state;
  }

  /** A script named {@code name} behaving as {@code kind} with extra environment {@code env}. */
  Path script(String name, String kind, Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes;
    try {
      classes = Path.of(FakeTunnelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder s = new StringBuilder("#!/bin/sh\n");
    s.append("export FAKE_STATE_DIR='").append(state).append("'\n");
    s.append("export FAKE_KIND='").append(kind).append("'\n");
    env.forEach((k, v) -> s.append("export ").append(k).append("='").append(v).append("'\n"));
    if (env.containsKey("FAKE_IGNORE_TERM")) {
      // An ignored signal stays ignored across exec, and the JVM then leaves SIGTERM alone.
      s.append("trap '' TERM\n");
    }
    s.append("exec '").append(java).append("' -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '")
        .append(classes).append("' io.postflow.tunnel.FakeTunnelMain \"$@\"\n");
    Path script = state.resolve(name);
    Files.writeString(script, s.toString());
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  int starts() throws IOException {
    Path starts = state.resolve("starts");
    return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
  }

  List<Long> pids() throws IOException {
    List<Long> pids = new ArrayList<>();
    Path starts = state.resolve("starts");
    if (Files.exists(starts)) {
      for (String line : Files.readAllLines(starts)) {
        pids.add(Long.parseLong(line.trim()));
      }
    }
    return pids;
  }

  List<String> args(int start) throws IOException {
    return Files.readAllLines(state.resolve("args-" + start));
  }

  String file(String name) throws IOException {
    return Files.readString(state.resolve(name));
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Polls {@code condition} every 20 ms until true or {@code timeout}; whether it became true. */
  static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
