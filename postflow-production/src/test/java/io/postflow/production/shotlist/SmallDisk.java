package io.postflow.production.shotlist;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for tests of full and read-only disks: a tmpfs mounted on a test
 * directory, which only root (or a process with CAP_SYS_ADMIN) may do. Where mounting is refused
 * the test is skipped with the reason, except when {@code CI=true}: CI runs as root and must not
 * quietly skip. (The same helper lives in postflow-lucidlink's tests; each module's tests are
 * their own.)
 */
final class SmallDisk implements AutoCloseable {
  private final Path dir;
  private boolean mounted;

  private SmallDisk(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code kib} KiB on {@code dir}, an empty directory. */
  static SmallDisk mount(Path dir, int kib) throws IOException {
    Files.createDirectories(dir);
    SmallDisk disk = new SmallDisk(dir);
    String refused = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", dir.toString());
    if (refused != null) {
      String why = "cannot mount a tmpfs (needs root): " + refused;
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    disk.mounted = true;
    return disk;
  }

  Path dir() {
    return dir;
  }

  /** Fills the disk, leaving {@code free} bytes (a multiple of the 4 KiB page) to the next writer. */
  void fillLeaving(long free) throws IOException {
    Path filler = dir.resolve("filler");
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      // ENOSPC: every page is taken. A write that did not fit ended on a page boundary.
    }
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      long size = channel.size();
      channel.truncate(size - size % 4096 - free);
    }
  }

  /** Frees what {@link #fillLeaving} took. */
  void empty() throws IOException {
    Files.deleteIfExists(dir.resolve("filler"));
  }

  void readOnly() {
    remount("ro");
  }

  void readWrite() {
    remount("rw");
  }

  private void remount(String mode) {
    String refused = run("mount", "-o", "remount," + mode, dir.toString());
    if (refused != null) {
      throw new IllegalStateException("cannot remount " + dir + " " + mode + ": " + refused);
    }
  }

  @Override
  public void close() {
    if (mounted && run("umount", dir.toString()) != null) {
      run("umount", "-l", dir.toString()); // something still holds a file: detach it anyway
    }
    mounted = false;
  }

  /** Runs a command for at most 10 s; null when it succeeded, else what went wrong. */
  private static String run(String... command) {
    List<String> line = new ArrayList<>(List.of(command));
    try {
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", line) + " did not finish in 10 s";
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? null : String.join(" ", line) + ": exit " + p.exitValue() + " " + output;
    } catch (IOException e) {
      return String.join(" ", line) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
