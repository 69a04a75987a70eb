package io.postflow.api.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API: may change in any release. Replaces a file's whole content so that a crash
 * or power cut leaves either the old or the new content, never a mix or an empty file.
 *
 * <p>The content goes to a temporary file in the target's directory (so the rename cannot cross
 * file systems); every byte is written (a short write is retried, never taken for success) and
 * forced to disk; the temporary file is then moved over the target atomically, falling back to a
 * plain replace only where the file system cannot move atomically; finally the directory is
 * forced too, which makes the rename itself durable (best effort: some platforms cannot open a
 * directory for that). On any failure the temporary file is deleted and the target is untouched.
 *
 * <p>{@code writeOwnerOnly} creates the temporary file {@code rw-------} on POSIX file systems,
 * before its first byte is written, so a secret is never readable by others, not even briefly.
 *
 * <p>Thread-safe in the sense that concurrent writers never corrupt the file (each has its own
 * temporary file; the last rename wins). Callers that need an order serialise their writes.
 */
public final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  /** A file channel in blocking mode never writes nothing for long; this many in a row is a fault. */
  private static final int MAX_EMPTY_WRITES = 1000;

  private AtomicFiles() {}

  /** Writes a file's content to the stream it is given; the stream must not be closed by it. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target}'s content with {@code bytes}, with default permissions. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, false, out -> out.write(bytes));
  }

  /** Replaces {@code target}'s content with what {@code content} writes, default permissions. */
  public static void write(Path target, Content content) throws IOException {
    write(target, false, content);
  }

  /** Replaces {@code target}'s content with {@code bytes}, readable by its owner only. */
  public static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
    write(target, true, out -> out.write(bytes));
  }

  /** Replaces {@code target}'s content with what {@code content} writes, owner only. */
  public static void writeOwnerOnly(Path target, Content content) throws IOException {
    write(target, true, content);
  }

  private static void write(Path target, boolean ownerOnly, Content content) throws IOException {
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    Path temp = null;
    try {
      FileChannel channel = null;
      for (int tries = 0; channel == null; tries++) {
        Path candidate = dir.resolve("." + file.getFileName() + "."
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
          channel = FileChannel.open(candidate, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE), attributes(candidate, ownerOnly));
          temp = candidate;
        } catch (FileAlreadyExistsException e) {
          if (tries >= 10) {
            throw e;
          }
        }
      }
      try (FileChannel open = channel) {
        OutputStream out = new BufferedOutputStream(new FullWrites(open), 64 * 1024);
        content.writeTo(out);
        out.flush();
        open.force(true);
      }
      move(temp, file);
      temp = null;
      forceDirectory(dir);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  /** The permissions to create the file with: only where asked and where POSIX is spoken. */
  private static FileAttribute<?>[] attributes(Path file, boolean ownerOnly) {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    return ownerOnly && posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so only exotic file systems get here; a plain replace is the best left.
      LOG.debug("{} cannot be replaced atomically on this file system; replacing it", to);
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename durable; some platforms cannot open a directory for that, hence best effort. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.trace("cannot fsync directory {} on this platform", dir, e);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.debug("could not delete the temporary file {}", temp, e);
    }
  }

  /** Writes every byte it is given: a channel may accept fewer than offered and say so. */
  private static final class FullWrites extends OutputStream {
    private final FileChannel channel;

    FullWrites(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      int empty = 0;
      while (buffer.hasRemaining()) {
        if (channel.write(buffer) > 0) {
          empty = 0;
        } else if (++empty >= MAX_EMPTY_WRITES) {
          throw new IOException("the file system accepted no bytes (" + buffer.remaining()
              + " left to write)");
        }
      }
    }
  }
}
