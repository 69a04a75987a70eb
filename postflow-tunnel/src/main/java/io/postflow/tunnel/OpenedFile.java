package io.postflow.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file opened for reading, whose attributes are read from <em>what was opened</em>, not from
 * whatever its path names by the time we ask.
 *
 * <p>Why: checking a path and then opening it is a race. A folder above the file can be renamed
 * between the two (a render farm publishing a new version by swapping folders), and the open then
 * reads a different file of the same size. Java has no {@code fstat} on a {@code FileChannel} and
 * does not give out the descriptor number, so on Linux we find our own descriptor in
 * {@code /proc/self/fd}: we move the channel's position to a random marker (a descriptor's
 * position is shown in {@code /proc/self/fdinfo/N}; positioned reads and {@code transferTo} with a
 * position ignore it), find the one descriptor at that position, and from then on read attributes
 * through {@code /proc/self/fd/N}, which the kernel resolves to the open file itself even after it
 * was renamed, replaced or deleted. Finding it costs one directory listing and a small read per
 * open descriptor of the process, once per request.
 *
 * <p>Where {@code /proc} is missing (macOS, Windows) or hides descriptors, {@link #isPinned()} is
 * false and {@link #state()} reads the path right after opening: that narrows the race to the
 * microseconds between the open and that read, but does not close it. This is logged once.
 */
final class OpenedFile implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenedFile.class);
  private static final Path PROC_FD = Path.of("/proc/self/fd");
  private static final Path PROC_FDINFO = Path.of("/proc/self/fdinfo");
  /**
   * Markers lie between 4 GiB and 1 TiB: seeking there is allowed on every Linux file system
   * (beyond the end of a file is legal) and no file we serve is read at such a position by chance.
   */
  private static final long MARKER_FLOOR = 1L << 32;
  private static final long MARKER_CEILING = 1L << 40;
  /** How a deleted file's link reads in /proc/self/fd. */
  private static final String DELETED = " (deleted)";
  private static volatile boolean fallbackLogged;

  /** Whether this process can find its descriptors in /proc: learnt from the first open. */
  private enum Proc { UNKNOWN, WORKS, UNAVAILABLE }

  private static volatile Proc proc = Proc.UNKNOWN;

  private final Path path;
  private final FileChannel channel;
  private final Path descriptor;

  private OpenedFile(Path path, FileChannel channel, Path descriptor) {
    this.path = path;
    this.channel = channel;
    this.descriptor = descriptor;
  }

  /** Opens {@code path} for reading, not following a symbolic link in its last element. */
  static OpenedFile open(Path path) throws IOException {
    return open(path, true);
  }

  /** {@link #open(Path)}; with {@code pin} false, as on a system without /proc (for tests). */
  static OpenedFile open(Path path, boolean pin) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try {
      Path descriptor = pin ? locate(channel, String.valueOf(path.getFileName())) : null;
      if (descriptor == null && pin && !fallbackLogged) {
        fallbackLogged = true;
        LOG.warn("cannot read the attributes of opened files through /proc/self/fd on this system: "
            + "exposed files are checked by path right after opening, which a folder renamed at that "
            + "instant can still defeat");
      }
      return new OpenedFile(path, channel, descriptor);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  FileChannel channel() {
    return channel;
  }

  /** Whether {@link #state()} describes the opened file itself (Linux with /proc). */
  boolean isPinned() {
    return descriptor != null;
  }

  /**
   * The opened file's type, size, mtime and file key now. Unpinned, the path's, read now; its size
   * must then also agree with the channel's, which does come from the opened file.
   */
  FileState state() throws IOException {
    if (descriptor != null) {
      return FileState.of(Files.readAttributes(descriptor, BasicFileAttributes.class));
    }
    FileState byPath = FileState.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    if (channel.size() != byPath.size()) {
      throw new IOException("the opened file is not the one at " + path.getFileName());
    }
    return byPath;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * {@code /proc/self/fd/N} for the channel's descriptor, or null when this system has no usable
   * {@code /proc}. Descriptors whose link names a file called {@code name} are looked at first
   * (one {@code readlink} each; a socket or a jar is skipped at once); only if the file was
   * renamed in between are all of them looked at.
   */
  private static Path locate(FileChannel channel, String name) throws IOException {
    if (proc == Proc.UNAVAILABLE) {
      return null;
    }
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        long marker = ThreadLocalRandom.current().nextLong(MARKER_FLOOR, MARKER_CEILING);
        channel.position(marker);
        Path found = findAtPosition(marker, name);
        if (found == null) {
          found = findAtPosition(marker, null);
        }
        if (found != null) {
          proc = Proc.WORKS;
          return found;
        }
        if (proc == Proc.UNKNOWN && !Files.isDirectory(PROC_FDINFO)) {
          break;
        }
      }
    } finally {
      channel.position(0);
    }
    if (proc == Proc.WORKS) {
      throw new IOException("cannot find the descriptor of the opened " + name + " in /proc/self/fd");
    }
    proc = Proc.UNAVAILABLE;
    return null;
  }

  /**
   * The one descriptor of this process at {@code marker} (among those naming a file called
   * {@code name}, unless null); null when none or several are.
   */
  private static Path findAtPosition(long marker, String name) throws IOException {
    Path found = null;
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(PROC_FD)) {
      for (Path fd : descriptors) {
        if (name != null && !names(fd, name)) {
          continue;
        }
        if (position(fd.getFileName().toString()) == marker) {
          if (found != null) {
            return null; // two at the marker: try another one
          }
          found = fd;
        }
      }
    } catch (NoSuchFileException noProc) {
      return null;
    }
    return found;
  }

  /** Whether descriptor {@code fd} is open on a file called {@code name} (deleted or not). */
  private static boolean names(Path fd, String name) {
    Path target;
    try {
      target = Files.readSymbolicLink(fd);
    } catch (IOException closedMeanwhile) {
      return false;
    }
    Path last = target.getFileName();
    if (last == null) {
      return false;
    }
    String linked = last.toString();
    return linked.equals(name) || linked.equals(name + DELETED);
  }

  /** The {@code pos:} of a descriptor in {@code /proc/self/fdinfo}, or -1. */
  private static long position(String fd) {
    byte[] info;
    try {
      info = Files.readAllBytes(PROC_FDINFO.resolve(fd));
    } catch (IOException closedMeanwhile) {
      return -1; // a descriptor closed by another thread while we looked: not ours
    }
    // "pos:\t<decimal>\n" is the first line
    if (info.length < 5 || info[0] != 'p' || info[1] != 'o' || info[2] != 's' || info[3] != ':') {
      return -1;
    }
    long value = 0;
    int digits = 0;
    for (int i = 4; i < info.length && info[i] != '\n'; i++) {
      byte b = info[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
        digits++;
      } else if (b != ' ' && b != '\t') {
        return -1;
      }
    }
    return digits == 0 || digits > 18 ? -1 : value;
  }
}
