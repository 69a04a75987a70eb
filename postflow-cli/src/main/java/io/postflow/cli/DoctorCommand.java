package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.postflow.api.AccessToken;
import io.postflow.api.Authenticator;
import io.postflow.api.DeliveryState;
import io.postflow.api.JournalException;
import io.postflow.api.PostFlowException;
import io.postflow.api.internal.NetworkFailures;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.User;
import io.postflow.frameio.auth.FileTokenStore;
import io.postflow.frameio.auth.StoredCredentials;
import io.postflow.pipeline.Configuration;
import io.postflow.pipeline.PostFlow;
import io.postflow.pipeline.PostFlowBuilder;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow doctor}: checks what the agent needs, each finding with what to do: the
 * configuration (built exactly as the agent builds it), the credentials and the token's expiry,
 * Frame.io's reachability with the real cause of a failure, the clock against Frame.io's, the
 * tunnel programs, LucidLink, and the journal. Changes nothing. Exit status 1 when a check failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check the configuration, credentials, network, clock, tunnels, LucidLink and journal; say what to fix.",
        "Changes nothing. Exit status 1 when a check failed."})
final class DoctorCommand implements Callable<Integer> {
  /** Past this, IMS tokens and S3 signatures start failing in ways that look like something else. */
  static final Duration MAX_SKEW = Duration.ofMinutes(2);
  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

  @ParentCommand PostflowCommand root;

  @Option(names = "--json", description = "print the findings as a JSON array")
  boolean json;

  @Option(names = "--offline", description = "skip the checks that reach Frame.io")
  boolean offline;

  @Override
  public Integer call() {
    List<Finding> findings = new ArrayList<>();
    Optional<Configuration> config = configuration(findings);
    config.ifPresent(c -> {
      agentSettings(c, findings);
      credentials(c, findings);
      if (!offline) {
        network(c, findings);
      }
      lucidLink(c, findings);
      journal(c, findings);
    });
    tunnels(findings);
    boolean failed = findings.stream().anyMatch(f -> f.level == Finding.Level.FAIL);
    if (json) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      findings.forEach(f -> array.add(f.json()));
      root.session.out.println(Json.pretty(array));
    } else {
      findings.forEach(f -> root.session.out.println(f.line()));
      long warnings = findings.stream().filter(f -> f.level == Finding.Level.WARN).count();
      root.session.out.println(failed ? "Some checks failed: fix the [FAIL] lines above."
          : warnings > 0 ? "No failure; " + warnings + " warning(s)." : "Everything checked is fine.");
    }
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private Optional<Configuration> configuration(List<Finding> findings) {
    try {
      Optional<Path> file = root.configFile();
      findings.add(Finding.ok("configuration", file.map(f -> "file " + f.toAbsolutePath()).orElse("no configuration file;")
          + " the environment is read too"));
      return Optional.of(root.configuration());
    } catch (CliException | PostFlowException e) {
      findings.add(Finding.fail("configuration", e.getMessage(), "fix the file (docs/configuration.md lists every key)"));
      return Optional.empty();
    }
  }

  /** Builds the pipeline as {@code run} would, without starting it: every setting is checked. */
  private void agentSettings(Configuration config, List<Finding> findings) {
    try {
      PostFlowBuilder builder = PostFlow.builder().fromEnvironment(root.environment());
      root.configFile().ifPresent(builder::fromFile);
      try (PostFlow built = builder.build()) {
        findings.add(Finding.ok("agent", "'postflow run' settings are complete and valid"));
      }
    } catch (PostFlowException e) {
      findings.add(Finding.fail("agent", "'postflow run' would refuse to start: " + e.getMessage(),
          "set what it names (docs/configuration.md)"));
    }
  }

  private void credentials(Configuration config, List<Finding> findings) {
    if (config.text("FRAMEIO_TOKEN").isPresent()) {
      findings.add(Finding.warn("credentials", "a bearer token (FRAMEIO_TOKEN) is used as is: it expires within a day",
          "for an unattended agent, log in once with 'postflow login' (or use a server-to-server credential)"));
      return;
    }
    Optional<String> tokenFile = config.text("FRAMEIO_TOKEN_FILE");
    if (tokenFile.isEmpty()) {
      if (config.text("FRAMEIO_CLIENT_ID").isPresent()) {
        findings.add(Finding.info("credentials", "server-to-server credential " + config.text("FRAMEIO_CLIENT_ID").get()
            + " (no token file)"));
      } else {
        findings.add(Finding.fail("credentials", "no Frame.io credentials are set",
            "run 'postflow login' (docs/getting-started.md), or set FRAMEIO_TOKEN to try things"));
      }
      return;
    }
    Path file = Path.of(tokenFile.get());
    try {
      Optional<StoredCredentials> stored = FileTokenStore.of(file).load();
      if (stored.isEmpty()) {
        findings.add(Finding.fail("credentials", "token file " + file + " does not exist", "run 'postflow login'"));
        return;
      }
      StoredCredentials c = stored.get();
      if (c.refreshToken().isEmpty()) {
        findings.add(Finding.fail("credentials", "token file " + file + " has no refresh token: the login ends when"
            + " its access token expires", "enable offline_access on the credential, then 'postflow login' again"));
      } else {
        findings.add(Finding.ok("credentials", "login in " + file + " (" + LoginCommand.describe(c) + ")"));
      }
      c.accessToken().map(AccessToken::expiresAt).ifPresent(expires -> {
        Instant now = root.session.clock.instant();
        findings.add(Finding.info("token", expires.isAfter(now)
            ? "access token valid until " + expires + " (refreshed automatically)"
            : "access token expired at " + expires + " (the refresh token gets a new one)"));
      });
      ownerOnly(file, "token file", findings);
    } catch (PostFlowException e) {
      findings.add(Finding.fail("credentials", e.getMessage(), "'postflow login --force' replaces the file"));
    }
  }

  /** Reachability with the real cause, the clock against the server's, then an authenticated call. */
  private void network(Configuration config, List<Finding> findings) {
    URI base = config.frameioBaseUri();
    HttpClient http = HttpClient.newBuilder().connectTimeout(NETWORK_TIMEOUT).build();
    try {
      HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(base.resolve("/v4/me")).timeout(NETWORK_TIMEOUT)
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      findings.add(Finding.ok("network", base.getHost() + " answers (HTTP " + answer.statusCode() + ")"));
      answer.headers().firstValue("Date").ifPresent(date -> skew(date, findings));
    } catch (IOException e) {
      NetworkFailures.Kind kind = NetworkFailures.kind(e);
      findings.add(Finding.fail("network", "cannot reach " + base + ": " + NetworkFailures.describe(e), remedy(kind, base)));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try (Authenticator auth = config.authenticator();
        FrameioClient client = FrameioClient.builder().baseUri(base).authenticator(auth)
            .attemptTimeout(NETWORK_TIMEOUT).callTimeout(NETWORK_TIMEOUT.multipliedBy(3)).build()) {
      User me = client.me();
      findings.add(Finding.ok("frame.io", "the credentials work: logged in as " + me.email().orElse(me.id())));
    } catch (io.postflow.api.AuthenticationException e) {
      findings.add(Finding.fail("frame.io", e.getMessage(), e.remedy() == null ? "run 'postflow login' again" : e.remedy()));
    } catch (PostFlowException e) {
      findings.add(Finding.fail("frame.io", e.getMessage(), "see docs/troubleshooting.md"));
    }
  }

  private static String remedy(NetworkFailures.Kind kind, URI base) {
    switch (kind) {
      case DNS: return "the name " + base.getHost() + " does not resolve: check DNS, the VPN, or a typo in FRAMEIO_BASE_URL";
      case REFUSED: return "nothing listens at " + base.getAuthority() + ": a firewall, a proxy to configure, or a wrong port";
      case TLS: return "a proxy rewriting certificates (add its CA to the JVM's trust store), or a wrong clock";
      case TIMEOUT: return "a firewall dropping packets, or a proxy the JVM is not told about (-Dhttps.proxyHost)";
      case UNREACHABLE: return "no route: is the network (or the VPN) up?";
      default: return "see docs/troubleshooting.md";
    }
  }

  private void skew(String date, List<Finding> findings) {
    try {
      Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration skew = Duration.between(server, root.session.clock.instant()).abs();
      if (skew.compareTo(MAX_SKEW) > 0) {
        findings.add(Finding.fail("clock", "this machine's clock is " + skew.toSeconds() + " s off Frame.io's",
            "turn on time synchronisation (timedatectl set-ntp true; macOS: Date & Time, set automatically):"
                + " tokens and upload signatures fail otherwise"));
      } else {
        findings.add(Finding.ok("clock", "within " + Math.max(1, skew.toSeconds()) + " s of Frame.io's"));
      }
    } catch (RuntimeException e) {
      findings.add(Finding.info("clock", "the server's Date header cannot be read: '" + date + "'"));
    }
  }

  private void tunnels(List<Finding> findings) {
    Map<String, String> env = root.session.env;
    List<String> found = new ArrayList<>();
    for (String binary : List.of("cloudflared", "ngrok", "ssh")) {
      Executables.find(binary, env).ifPresent(p -> found.add(binary + " (" + p + ")"));
    }
    if (found.isEmpty()) {
      findings.add(Finding.info("tunnels", "no tunnel program on PATH (cloudflared, ngrok, ssh): only local"
          + " uploads (the default) are possible"));
    } else {
      findings.add(Finding.ok("tunnels", String.join(", ", found)));
    }
    if (Executables.find("ngrok", env).isPresent() && (env.get("NGROK_AUTHTOKEN") == null || env.get("NGROK_AUTHTOKEN").isBlank())) {
      findings.add(Finding.warn("tunnels", "ngrok is installed but NGROK_AUTHTOKEN is not set",
          "set it from the ngrok dashboard to use --tunnel ngrok"));
    }
  }

  private void lucidLink(Configuration config, List<Finding> findings) {
    Optional<String> lucid = Executables.find("lucid", root.session.env).map(Path::toString);
    findings.add(lucid.isPresent() ? Finding.ok("lucidlink", "LucidLink CLI at " + lucid.get())
        : Finding.info("lucidlink", "no 'lucid' on PATH: settling relies on sizes and times only ("
            + Executables.installHint("lucid") + " for sync-aware settling)"));
    Optional<String> mount = config.text("LUCIDLINK_MOUNT_PATH");
    if (mount.isEmpty()) {
      findings.add(Finding.info("lucidlink", "LUCIDLINK_MOUNT_PATH is not set: the agent watches only POSTFLOW_WATCH_FOLDER"));
      return;
    }
    Path path = Path.of(mount.get());
    if (!Files.isDirectory(path)) {
      findings.add(Finding.fail("lucidlink", "mount " + path + " is not a directory (not mounted?)",
          "connect the filespace ('lucid daemon', or the LucidLink app) and check the path"));
    } else if (!Files.isReadable(path)) {
      findings.add(Finding.fail("lucidlink", "mount " + path + " is not readable by this user",
          "run the agent as a user the filespace is shared with"));
    } else {
      findings.add(Finding.ok("lucidlink", "mount " + path + " is readable"));
    }
  }

  private void journal(Configuration config, List<Finding> findings) {
    Path file = config.journalFile();
    if (!Files.exists(file)) {
      findings.add(Finding.info("journal", file + " does not exist yet (the agent creates it)"));
      return;
    }
    // Read-only beside the agent, as 'postflow status' opens it: a normal open would take the lock
    // (failing while the agent runs), migrate an older journal and re-queue the deliveries a
    // stopped agent left in progress. The doctor changes nothing.
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.builder().file(file).readOnly().open()) {
      Map<DeliveryState, Long> counts = journal.counts();
      long failed = counts.getOrDefault(DeliveryState.FAILED, 0L);
      long quarantined = counts.getOrDefault(DeliveryState.QUARANTINED, 0L);
      findings.add(Finding.ok("journal", file + " opens; " + counts.values().stream().mapToLong(Long::longValue).sum()
          + " deliveries"));
      if (failed + quarantined > 0) {
        findings.add(Finding.warn("journal", failed + " failed and " + quarantined + " quarantined deliveries wait for a person",
            "'postflow deliveries --state failed,quarantined' shows why; 'postflow retry ID' after fixing"));
      }
    } catch (JournalException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("agent migrates it") || message.contains("agent has not run on it")) {
        findings.add(Finding.info("journal", message)); // what the agent's next start does
      } else {
        findings.add(Finding.fail("journal", e.getMessage(), "see docs/journal.md (Files, and what to do when damaged)"));
      }
      return;
    }
    ownerOnly(file, "journal", findings);
  }

  private static void ownerOnly(Path file, String what, List<Finding> findings) {
    try {
      var permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        findings.add(Finding.warn(what, file + " is readable by other users", "chmod 600 " + file));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to check.
    }
  }
}
