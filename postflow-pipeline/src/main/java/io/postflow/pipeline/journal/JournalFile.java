package io.postflow.pipeline.journal;

import io.postflow.api.JournalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's files on disk before SQLite sees them: the owner-only database file (SQLite gives
 * its -wal and -shm files the database file's permissions), the lock that keeps a second agent
 * out, and a look at the first bytes so a file that is not a SQLite database is refused without
 * SQLite ever opening it. A journal opened beside its agent ({@link #existing}) takes no lock.
 */
final class JournalFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalFile.class);

  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private final Path database;
  /** Null beside the agent: no lock is held. */
  private final FileChannel lockChannel;
  private final FileLock lock;

  private JournalFile(Path database, FileChannel lockChannel, FileLock lock) {
    this.database = database;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the parent directory if missing, takes the lock on {@code <name>.lock} and creates
   * the database file owner-only if missing.
   *
   * @throws JournalException when another process (or another journal in this one) holds the
   *     lock, the file is not a SQLite database, or the files cannot be created
   */
  static JournalFile lock(Path database) {
    Path directory = database.getParent();
    boolean posix = database.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(directory)) {
        if (posix) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
          Files.createDirectories(directory);
        }
      }
    } catch (IOException e) {
      throw new JournalException("delivery journal " + database + ": cannot create its directory "
          + directory + ": " + e, e, false);
    }
    Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      createOwnerOnly(lockFile, posix);
      channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new JournalException("delivery journal " + database + " is in use by another PostFlow"
            + " process (or another journal in this one): " + lockFile + " is locked. Stop that"
            + " process, or give this one a journal of its own", null, false);
      }
      JournalFile file = new JournalFile(database, channel, lock);
      try {
        if (createOwnerOnly(database, posix)) {
          syncDirectory(directory);
        } else {
          file.checkIsSqlite();
          warnIfShared(database, posix);
        }
      } catch (RuntimeException | IOException e) {
        file.close();
        throw e;
      }
      return file;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JournalException("delivery journal " + database + " cannot be opened: " + e, e, false);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * An existing journal, for a connection beside the agent that may hold its lock: takes no lock
   * and creates nothing.
   *
   * @throws JournalException when there is no such file or it is not a SQLite database
   */
  static JournalFile existing(Path database) {
    if (!Files.isRegularFile(database)) {
      throw new JournalException("delivery journal " + database + " does not exist: the agent creates it at its"
          + " first start", null, false);
    }
    JournalFile file = new JournalFile(database, null, null);
    try {
      file.checkIsSqlite();
    } catch (IOException e) {
      throw new JournalException("delivery journal " + database + " cannot be read: " + e, e, false);
    }
    return file;
  }

  Path database() {
    return database;
  }

  /** Releases the lock. The lock file stays: removing it would let two processes lock two files. */
  @Override
  public void close() {
    if (lock == null) {
      return;
    }
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      log.debug("releasing the lock of {} failed; closing its file releases it", database, e);
    } finally {
      closeQuietly(lockChannel);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM: another journal on the same file is open here
    }
  }

  /** @return whether the file was created */
  private static boolean createOwnerOnly(Path file, boolean posix) throws IOException {
    try {
      FileAttribute<?>[] attributes = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
          : new FileAttribute<?>[0];
      Files.createFile(file, attributes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * Refuses a file that does not start like a SQLite database, so that SQLite never opens (and
   * could never write to) someone's text file. An empty file is a new database to SQLite; a file
   * with a rollback journal or WAL beside it is left to SQLite, whose recovery needs them (a crash
   * while the very first page was written leaves such a file).
   */
  private void checkIsSqlite() throws IOException {
    if (Files.size(database) == 0
        || Files.exists(database.resolveSibling(database.getFileName() + "-journal"))
        || Files.exists(database.resolveSibling(database.getFileName() + "-wal"))) {
      return;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(database)) {
      head = in.readNBytes(SQLITE_MAGIC.length);
    }
    if (!Arrays.equals(head, SQLITE_MAGIC)) {
      throw new JournalException("delivery journal " + database + " is not a SQLite database"
          + " (it does not start with the SQLite header). It was left as it is: point PostFlow"
          + " at another file, or move this one away if it is not needed", null, false);
    }
  }

  private static void warnIfShared(Path database, boolean posix) throws IOException {
    if (!posix) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(database, LinkOption.NOFOLLOW_LINKS);
    if (!OWNER_FILE.containsAll(permissions)) {
      log.warn("delivery journal {} is readable or writable by others ({}); it may hold presigned"
          + " URLs: chmod 600 it (its -wal and -shm files take the same permissions)",
          database, PosixFilePermissions.toString(permissions));
    }
  }

  /** Makes a new file's directory entry durable, so the file survives a power cut too. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory; NTFS journals the entry itself.
      log.debug("cannot sync directory {}", directory, e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing a lock file failed", e);
    }
  }
}
