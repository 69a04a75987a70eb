package io.postflow.lucidlink;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the LucidLink daemon's local REST API whether a file is still being uploaded by another
 * client: {@code GET http://127.0.0.1:<port>/v1/<filespace>/files?path=/<relative>}, answered
 * with JSON holding {@code "remoteUpload":"yes"} while data is on its way. The API is undocumented,
 * so every failure (refused, timeout, non-200, unexpected body) means {@link State#UNKNOWN}, and
 * after a connection failure the daemon is left alone for a back-off period so a missing daemon
 * costs one short timeout per period, not one per file.
 */
final class LucidDaemonEvidence implements SyncEvidence {
  private static final Logger log = LoggerFactory.getLogger(LucidDaemonEvidence.class);
  private static final Pattern REMOTE_UPLOAD =
      Pattern.compile("\"remoteUpload\"\\s*:\\s*\"?(yes|no|true|false)\"?", Pattern.CASE_INSENSITIVE);

  private final HttpClient http;
  private final URI base;
  private final Path mountPoint;
  private final Duration timeout;
  private final Duration backOff;
  private final Clock clock;
  private volatile Instant quietUntil = Instant.MIN;

  LucidDaemonEvidence(String host, int port, String filespace, Path mountPoint, Duration timeout,
      Duration backOff, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.base = URI.create("http://" + host + ":" + port + "/v1/"
        + URLEncoder.encode(filespace, StandardCharsets.UTF_8) + "/files");
    this.mountPoint = mountPoint.toAbsolutePath().normalize();
    this.timeout = timeout;
    this.backOff = backOff;
    this.clock = clock;
  }

  @Override
  public State state(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(mountPoint) || clock.instant().isBefore(quietUntil)) {
      return State.UNKNOWN;
    }
    String relative = "/" + mountPoint.relativize(abs).toString().replace('\\', '/');
    URI uri = URI.create(base + "?path=" + URLEncoder.encode(relative, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        log.debug("LucidLink daemon answered {} for {}", response.statusCode(), relative);
        return State.UNKNOWN;
      }
      Matcher m = REMOTE_UPLOAD.matcher(response.body());
      if (!m.find()) {
        return State.UNKNOWN;
      }
      String v = m.group(1).toLowerCase(java.util.Locale.ROOT);
      return v.equals("yes") || v.equals("true") ? State.SYNCING : State.SYNCED;
    } catch (IOException e) {
      quietUntil = clock.instant().plus(backOff);
      log.debug("LucidLink daemon at {} not reachable ({}); no sync evidence for {}", base.getAuthority(),
          e.toString(), backOff);
      return State.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return State.UNKNOWN;
    }
  }

  @Override
  public String toString() {
    return "LucidDaemonEvidence[" + base + "]";
  }
}
