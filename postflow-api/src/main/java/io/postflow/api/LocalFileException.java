package io.postflow.api;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file on this machine could not be read or written: a token file, a journal, a render. Carries
 * the path and, as its cause, the {@link IOException} the file system gave. The message names the
 * path, what was being done and why it failed, e.g. {@code cannot write the token file
 * /home/ana/.postflow/tokens.json: No space left on device}.
 *
 * <p>PostFlow throws this instead of {@link java.io.UncheckedIOException}, so that one
 * {@code catch (PostFlowException e)} sees every failure.
 */
public class LocalFileException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  /** Paths are not serializable; a deserialized exception keeps its message but not the path. */
  private final transient Path path;

  /**
   * A failure of {@code doing} on {@code path}.
   *
   * @param doing what was being done, as it should read before the path, e.g.
   *     {@code "cannot write the token file"}
   * @param path the file concerned
   * @param cause what the file system said
   */
  public LocalFileException(String doing, Path path, IOException cause) {
    super(Objects.requireNonNull(doing, "doing") + " " + Objects.requireNonNull(path, "path")
        + ": " + reason(path, cause), cause);
    this.path = path;
  }

  /** The file concerned; null only after deserialization. */
  public Path path() {
    return path;
  }

  /**
   * The file system's reason in words. {@link FileSystemException}s put the bare path in their
   * message, which would only repeat it; their subtypes say what happened by their type.
   */
  private static String reason(Path path, IOException cause) {
    if (cause == null) {
      return "unknown error";
    }
    String why;
    if (cause instanceof NoSuchFileException) {
      why = "no such file or directory";
    } else if (cause instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (cause instanceof FileAlreadyExistsException) {
      why = "already exists";
    } else if (cause instanceof DirectoryNotEmptyException) {
      why = "directory not empty";
    } else if (cause instanceof NotDirectoryException) {
      why = "not a directory";
    } else if (cause instanceof FileSystemException) {
      String reason = ((FileSystemException) cause).getReason();
      why = reason != null ? reason : cause.getClass().getSimpleName();
    } else {
      why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
    if (cause instanceof FileSystemException) {
      // The failing file may be another one: the temporary copy, the directory.
      String file = ((FileSystemException) cause).getFile();
      if (file != null && !file.equals(path.toString())) {
        why += " (" + file + ")";
      }
    }
    return why;
  }
}
