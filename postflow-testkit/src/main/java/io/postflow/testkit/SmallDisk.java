package io.postflow.testkit;

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
 * directory, which only root (or a process with CAP_SYS_ADMIN) may do on Linux. Where mounting is
 * refused, {@link #mount} throws {@link Unavailable} with the reason, for the test to skip (or,
 * on CI, to fail: a CI machine that should run it must not quietly skip).
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.mount(tempDir.resolve("disk"), 256)) {
 *   disk.fillLeaving(8192);          // the next write of more than 8 KiB fails with ENOSPC
 *   ...
 *   disk.readOnly();                 // remounted read-only
 * }
 * }</pre>
 */
public final class SmallDisk implements AutoCloseable {
  /** Mounting is not possible here (not root, no tmpfs, no mount command); says why. */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String reason) {
      super(reason);
    }
  }

  private final Path dir;
  private boolean mounted;

  private SmallDisk(Path dir) {
    this.dir = dir;
  }

  /**
   * Why {@link #mount} cannot work here, or empty when it can. Tries once per JVM (a 16 KiB tmpfs
   * on a fresh temporary folder, unmounted at once): call it from a test's assumption to skip
   * where mounting is refused.
   */
  public static synchronized java.util.Optional<String> whyUnavailable() {
    if (probed == null) {
      try {
        Path probe = Files.createTempDirectory("postflow-smalldisk-probe");
        try (SmallDisk disk = mount(probe, 16)) {
          probed = java.util.Optional.empty();
        } catch (Unavailable e) {
          probed = java.util.Optional.of(e.getMessage());
        } finally {
          Files.deleteIfExists(probe);
        }
      } catch (IOException e) {
        probed = java.util.Optional.of("cannot try a tmpfs: " + e);
      }
    }
    return probed;
  }

  private static java.util.Optional<String> probed;

  /**
   * Mounts a tmpfs of {@code kib} KiB on {@code dir}, an empty directory (created if missing).
   *
   * @throws Unavailable when mounting is refused, with the reason
   */
  public static SmallDisk mount(Path dir, int kib) throws IOException {
    Files.createDirectories(dir);
    SmallDisk disk = new SmallDisk(dir);
    String refused = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", dir.toString());
    if (refused != null) {
      throw new Unavailable("cannot mount a tmpfs (needs root): " + refused);
    }
    disk.mounted = true;
    return disk;
  }

  public Path dir() {
    return dir;
  }

  /** Fills the disk, leaving {@code free} bytes (a multiple of the 4 KiB page) to the next writer. */
  public void fillLeaving(long free) throws IOException {
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
  public void empty() throws IOException {
    Files.deleteIfExists(dir.resolve("filler"));
  }

  public void readOnly() {
    remount("ro");
  }

  public void readWrite() {
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
