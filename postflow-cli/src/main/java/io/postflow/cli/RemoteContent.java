package io.postflow.cli;

import io.postflow.api.LocalFileException;
import io.postflow.frameio.FileAsset;
import io.postflow.frameio.FrameioAccount;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Whether a file already in Frame.io holds the same bytes as a local one. Frame.io keeps no
 * checksum, so the original is downloaded (streamed, never held in memory) and hashed; that is only
 * possible once Frame.io has transcoded the file, and it costs a download, so it is asked only
 * when the name and the size already match.
 */
final class RemoteContent {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int BUFFER = 1 << 16;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  /**
   * Compares the SHA-256 of the remote original with the local file's.
   *
   * @return empty when the original cannot be downloaded (not transcoded yet, or the download
   *     failed): the caller then decides by name and size
   */
  Optional<Boolean> sameBytes(FrameioAccount account, FileAsset remote, Path local) {
    Optional<String> url = account.file(remote.id(), "media_links.original").originalDownloadUrl();
    if (url.isEmpty()) {
      return Optional.empty();
    }
    try {
      HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = answer.body()) {
        if (answer.statusCode() != 200) {
          return Optional.empty();
        }
        return Optional.of(sha256(body).equals(sha256(local)));
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    } catch (IOException e) {
      throw new LocalFileException("cannot read to compare", file, e);
    }
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
