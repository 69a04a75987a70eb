package io.postflow.api.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
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
 * <p>Permissions, on POSIX file systems. {@code writeOwnerOnly} makes the file {@code rw-------}.
 * {@code write} keeps those of the file it replaces (a status file the studio made readable by its
 * group stays so), and its owner and group where this process may set them; a new file gets the
 * process's defaults (its umask). Whenever the target exists or the file is owner-only, the
 * temporary file is created {@code rw-------} before its first byte, so its content is never
 * readable by more people than the file's, not even briefly; its final mode is set before the
 * rename.
 *
 * <p>Temporary files are named {@code .<name>.postflow-<16 hex digits>.tmp}. A crash between
 * creating and renaming one leaves it behind (with the new content, a refresh token included):
 * {@link #deleteTemporaryFiles} removes such leftovers, and only them, when a file is opened.
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

  /**
   * Deletes the temporary files that writes of {@code target} left in its directory when they were
   * interrupted (a crash, a kill): regular files whose names this class makes for {@code target},
   * or that earlier PostFlow versions made, and nothing else; a user's {@code shots.csv.bak} or
   * {@code .tokens.json.swp} is never touched. Call it when opening the file, before this process
   * writes it: a write in progress elsewhere would lose its temporary file (and fail, never
   * half-succeed), and each of PostFlow's files belongs to one process.
   *
   * <p>Never fails: a directory that cannot be listed, or a leftover that cannot be deleted (a
   * read-only disk), is logged at WARN and left.
   *
   * @return how many were deleted
   */
  public static int deleteTemporaryFiles(Path target) {
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    Pattern ours = temporaryNames(file.getFileName().toString());
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        entry -> ours.matcher(entry.getFileName().toString()).matches())) {
      for (Path entry : entries) {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          Files.delete(entry);
          deleted++;
          LOG.debug("Deleted {}, left by an interrupted write", entry);
        } catch (NoSuchFileException gone) {
          // deleted meanwhile: what we wanted
        } catch (IOException e) {
          LOG.warn("Cannot delete {}, a temporary file an interrupted write left: {}", entry, e.toString());
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return 0; // no directory, no leftovers
    } catch (IOException | DirectoryIteratorException e) {
      LOG.warn("Cannot look for temporary files left beside {}: {}", file, e.toString());
    }
    if (deleted > 0) {
      LOG.info("Deleted {} temporary file(s) that interrupted writes left beside {}", deleted, file);
    }
    return deleted;
  }

  /**
   * The names of temporary files of a file named {@code name}: this class's, then those earlier
   * versions made (the token store's {@code Files.createTempFile}, this class in base 36, the
   * status file's and the ready journal's own copies). Each needs the exact name and a random part.
   */
  static Pattern temporaryNames(String name) {
    String q = Pattern.quote(name);
    return Pattern.compile("\\." + q + "\\.postflow-[0-9a-f]{16}\\.tmp"
        + "|\\." + q + "\\.(?:[0-9]{1,20}|[0-9a-z]{10,13})\\.tmp"
        + "|" + q + "[0-9]{1,20}\\.(?:tmp|compact)");
  }

  private static String temporaryName(String name) {
    return "." + name + ".postflow-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + ".tmp";
  }

  private static void write(Path target, boolean ownerOnly, Content content) throws IOException {
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    PosixFileAttributes replaced = posixAttributes(file);
    Path temp = null;
    try {
      FileChannel channel = null;
      for (int tries = 0; channel == null; tries++) {
        Path candidate = dir.resolve(temporaryName(file.getFileName().toString()));
        try {
          channel = FileChannel.open(candidate, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE), attributes(candidate, ownerOnly || replaced != null));
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
        if (replaced != null) {
          keepOwnership(temp, replaced);
          if (!ownerOnly) {
            Files.setPosixFilePermissions(temp, replaced.permissions());
          }
        }
        open.force(true); // content and metadata (mode, owner) alike
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

  /** The POSIX attributes of the file about to be replaced; null when there is none or no POSIX. */
  private static PosixFileAttributes posixAttributes(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return null;
    }
    try {
      return Files.readAttributes(file, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Gives the temporary file the replaced file's owner and group. Only root may give a file away,
   * and others only to a group they belong to: where that is refused the new file keeps this
   * process's owner and group, which is what a plain rewrite would have given it.
   */
  private static void keepOwnership(Path temp, PosixFileAttributes replaced) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    PosixFileAttributes now = view.readAttributes();
    try {
      if (!now.owner().equals(replaced.owner())) {
        view.setOwner(replaced.owner());
      }
      if (!now.group().equals(replaced.group())) {
        view.setGroup(replaced.group());
      }
    } catch (IOException e) {
      LOG.debug("Cannot give {} the owner {} and group {} of the file it replaces: {}", temp,
          replaced.owner().getName(), replaced.group().getName(), e.toString());
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
