package io.postflow.frameio.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.api.LocalFileException;
import io.postflow.api.PostFlowException;
import io.postflow.api.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} in a small JSON file, readable and writable by its owner only.
 *
 * <p>Every save writes a temporary file in the same directory (created {@code rw-------} on POSIX
 * file systems before its first byte, best effort elsewhere), forces it to disk and moves it over
 * the old file atomically, so a crash leaves either the old or the new refresh token, never half of
 * one. A crash at the wrong moment leaves the temporary file, refresh token and all: the first
 * {@link #load} or {@link #save} of a store deletes such leftovers
 * ({@code .<name>.postflow-<hex>.tmp}, and the {@code .<name>.<digits>.tmp} of earlier versions),
 * and never another file. A file
 * that cannot be parsed raises an {@link AuthenticationException} naming the file and what to do;
 * one that cannot be read or written, a {@link LocalFileException} naming it.
 *
 * <p>Thread-safe within one process (methods are synchronized); two processes sharing one file
 * would race on the rotating refresh token and should each have their own.
 */
public final class FileTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(FileTokenStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final int FORMAT_VERSION = 1;

  private final Path file;
  /** Whether the leftovers of interrupted saves were looked for; once per store is enough. */
  private boolean swept;

  private FileTokenStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /**
   * A store kept in {@code file}; its directory is created on the first save. Nothing is read or
   * written until then.
   */
  public static FileTokenStore of(Path file) {
    Objects.requireNonNull(file, "file");
    if (file.getFileName() == null) {
      throw new ConfigurationException("'file' must name a file, was " + file);
    }
    return new FileTokenStore(file);
  }

  /** The file the credentials live in. */
  public Path file() {
    return file;
  }

  /**
   * Reads the file; empty when there is none.
   *
   * @throws LocalFileException when the file exists but cannot be read
   * @throws AuthenticationException when it cannot be parsed (the message says what to do)
   */
  @Override
  public synchronized Optional<StoredCredentials> load() {
    sweep();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new LocalFileException("cannot read the token file", file, e);
    }
    warnIfReadableByOthers();
    try {
      return Optional.of(parse(JSON.readTree(bytes)));
    } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
      String where = e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null
          ? " (line " + ((JsonProcessingException) e).getLocation().getLineNr() + ")" : "";
      // The parser's own message may quote file content, i.e. a token: never pass it on.
      throw new AuthenticationException(
          "The token file " + file + " is corrupt" + where,
          "Delete " + file + " and log in again (run the OAuth login example: `postflow login`)", null);
    } catch (IOException e) {
      throw new LocalFileException("cannot read the token file", file, e);
    }
  }

  /**
   * Writes the credentials: a private temporary file, forced to disk, moved over the old one
   * atomically, and the directory forced too.
   *
   * @throws LocalFileException when the file or its directory cannot be written
   */
  @Override
  public synchronized void save(StoredCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    byte[] bytes;
    try {
      bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(credentials));
    } catch (JsonProcessingException e) {
      throw new PostFlowException("Cannot encode credentials for " + file, e);
    }
    sweep();
    Path dir = file.getParent();
    try {
      if (!Files.isDirectory(dir)) {
        // Directories created here are private too; existing ones are left as they are.
        Files.createDirectories(dir, ownerOnly(OWNER_ONLY_DIR));
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot create the directory of the token file", file, e);
    }
    try {
      AtomicFiles.writeOwnerOnly(file, bytes);
      log.debug("Saved credentials to {}", file);
    } catch (IOException e) {
      throw new LocalFileException("cannot write the token file", file, e);
    }
  }

  /**
   * Deletes the file, if there is one.
   *
   * @throws LocalFileException when it cannot be deleted
   */
  @Override
  public synchronized void clear() {
    try {
      Files.deleteIfExists(file);
      log.debug("Deleted the token file {}", file);
    } catch (IOException e) {
      throw new LocalFileException("cannot delete the token file", file, e);
    }
  }

  @Override
  public String toString() {
    return "FileTokenStore{" + file + "}";
  }

  /**
   * Deletes the temporary files that saves interrupted by a crash left beside the file: each may
   * hold a refresh token, in a file nobody would think of protecting or deleting.
   */
  private void sweep() {
    if (!swept) {
      swept = true;
      AtomicFiles.deleteTemporaryFiles(file);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    return isPosix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private void warnIfReadableByOthers() {
    if (!isPosix()) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        log.warn("The token file {} is accessible to other users ({}); it should be rw-------",
            file, PosixFilePermissions.toString(permissions));
      }
    } catch (IOException | UnsupportedOperationException e) {
      log.trace("Cannot read the permissions of {}", file, e);
    }
  }

  private static ObjectNode toJson(StoredCredentials credentials) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", FORMAT_VERSION);
    credentials.refreshToken().ifPresent(t -> root.put("refresh_token", t));
    credentials.accessToken().ifPresent(t -> {
      root.put("access_token", t.value());
      root.put("access_token_expires_at", t.expiresAt().toString());
    });
    ArrayNode scopes = root.putArray("scopes");
    credentials.scopes().forEach(scopes::add);
    credentials.issuer().ifPresent(i -> root.put("issuer", i));
    credentials.clientId().ifPresent(c -> root.put("client_id", c));
    credentials.account().ifPresent(a -> root.put("account", a));
    return root;
  }

  private static StoredCredentials parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    StoredCredentials.Builder builder = StoredCredentials.builder();
    JsonNode refresh = root.path("refresh_token");
    if (refresh.isTextual()) {
      builder.refreshToken(refresh.asText());
    }
    JsonNode access = root.path("access_token");
    JsonNode expires = root.path("access_token_expires_at");
    if (access.isTextual() && expires.isTextual()) {
      builder.accessToken(AccessToken.of(access.asText(), Instant.parse(expires.asText())));
    }
    Set<String> scopes = new LinkedHashSet<>();
    root.path("scopes").forEach(s -> scopes.add(s.asText()));
    for (String field : new String[] {"issuer", "client_id", "account"}) {
      JsonNode value = root.path(field);
      if (value.isTextual() && !value.asText().isBlank()) {
        switch (field) {
          case "issuer": builder.issuer(value.asText()); break;
          case "client_id": builder.clientId(value.asText()); break;
          default: builder.account(value.asText());
        }
      }
    }
    return builder.scopes(scopes).build();
  }
}
