package io.postflow.cli;

import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.PostFlowException;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.User;
import io.postflow.frameio.auth.FileTokenStore;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.InMemoryTokenStore;
import io.postflow.frameio.auth.LoginRequest;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.frameio.auth.StoredCredentials;
import io.postflow.pipeline.Configuration;
import io.postflow.testkit.FrameioSandbox;
import java.awt.Desktop;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow login}: logs in to Frame.io through Adobe IMS (an OAuth Web App credential) once
 * and stores the refresh token, so the agent runs unattended afterwards.
 *
 * <p>The login happens in memory first. Only when it succeeded, and the token file holds nothing or
 * the same login (same IMS, same client, same account), is the file written; a file holding another
 * login (the real one, when this is the sandbox's; another account) is left untouched unless
 * {@code --force}. The command says where it stored what; it never prints a token.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Log in to Frame.io (Adobe IMS, OAuth Web App credential) and store the refresh token.",
        "Needs FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET; never replaces another login's token without --force."})
final class LoginCommand implements Callable<Integer> {
  static final String DEFAULT_REDIRECT = "https://localhost:8443/callback";
  static final URI ADOBE_IMS = URI.create("https://ims-na1.adobelogin.com");

  @ParentCommand PostflowCommand root;

  @Option(names = "--sandbox", description = "log in to an in-process sandbox (stored apart, in ~/.postflow/frameio-token.sandbox.json)")
  boolean sandbox;

  @Option(names = "--force", description = "replace a token file that holds another login (another IMS, client or account)")
  boolean force;

  @Option(names = "--paste", description = "for a machine without a browser: print the address, read back where the browser landed")
  boolean paste;

  @Option(names = "--token-file", paramLabel = "FILE", description = "where to store the login (default: FRAMEIO_TOKEN_FILE, else ~/.postflow/frameio-token.json)")
  Path tokenFile;

  @Option(names = "--redirect-uri", paramLabel = "URI", description = "the redirect URI registered on the credential (default ${DEFAULT-VALUE})")
  URI redirectUri;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for the browser (default ${DEFAULT-VALUE})")
  long timeoutSeconds = 300;

  /** Where the login goes without {@code --token-file}: the sandbox's apart from the real one. */
  static Path defaultTokenFile(Session session, boolean sandbox) {
    return session.postflowDir().resolve(sandbox ? "frameio-token.sandbox.json" : "frameio-token.json");
  }

  @Override
  public Integer call() {
    Session session = root.session;
    if (timeoutSeconds < 1) {
      throw CliException.usage("--timeout must be at least 1 second, was " + timeoutSeconds);
    }
    Configuration config = sandbox ? null : root.configuration();
    Path file = tokenFile != null ? tokenFile : sandbox ? defaultTokenFile(session, true)
        : config.text("FRAMEIO_TOKEN_FILE").map(Path::of).orElse(defaultTokenFile(session, false));
    FileTokenStore store = FileTokenStore.of(file);
    Optional<StoredCredentials> existing;
    try {
      existing = store.load();
    } catch (AuthenticationException e) {
      if (!force) {
        throw new CliException(ExitCodes.FAILED, e.getMessage() + "; nothing was changed",
            "add --force to replace it with this login");
      }
      existing = Optional.empty();
    }
    FrameioSandbox box = sandbox ? session.sandboxes.get() : null;
    try {
      URI ims;
      String clientId;
      String clientSecret;
      URI frameio;
      if (box != null) {
        ims = box.imsBaseUri();
        clientId = box.clientId();
        clientSecret = box.clientSecret();
        frameio = box.baseUri();
      } else {
        clientId = config.text("FRAMEIO_CLIENT_ID").orElseThrow(() -> missingClient("FRAMEIO_CLIENT_ID"));
        clientSecret = config.text("FRAMEIO_CLIENT_SECRET").orElseThrow(() -> missingClient("FRAMEIO_CLIENT_SECRET"));
        ims = config.text("FRAMEIO_IMS_URL").map(LoginCommand::imsUrl).orElse(ADOBE_IMS);
        frameio = config.frameioBaseUri();
      }
      URI redirect = redirectUri != null ? redirectUri
          : URI.create(box != null ? "https://localhost:0/callback" : DEFAULT_REDIRECT);
      InMemoryTokenStore memory = InMemoryTokenStore.create();
      AccessToken token;
      try (ImsAuthenticator login = ImsAuthenticator.builder().imsBaseUri(ims).clientId(clientId)
          .clientSecret(clientSecret).redirectUri(redirect).tokenStore(memory).build()) {
        token = authorize(login, box != null, session);
      }
      Optional<String> account = whoAmI(frameio, token, session.err);
      StoredCredentials fresh = StoredCredentials.builder().from(memory.load().orElseThrow(
          () -> new PostFlowException("the login ended without credentials"))).account(account).build();
      if (existing.isPresent() && !existing.get().sameLoginAs(fresh) && !force) {
        throw new CliException(ExitCodes.FAILED, file + " already holds another login (" + describe(existing.get())
            + "); this login (" + describe(fresh) + ") was not stored",
            "add --force to replace it, or --token-file to keep this login in another file");
      }
      store.save(fresh);
      session.out.println("Logged in" + account.map(a -> " as " + a).orElse("") + " (" + describe(fresh) + ").");
      session.out.println("Stored the refresh token" + (fresh.refreshToken().isPresent() ? "" : " (none: only the access token)")
          + " and an access token valid until " + token.expiresAt() + " in " + store.file()
          + (existing.isPresent() ? " (replacing " + (existing.get().sameLoginAs(fresh) ? "the same login's" : "another login's")
              + " token)" : "") + "; the file is readable by you only.");
      if (box != null) {
        session.out.println("This was the sandbox: its login ends with this command; the real login, if any, is untouched.");
      } else if (tokenFile == null && config.text("FRAMEIO_TOKEN_FILE").isEmpty()) {
        session.out.println("Every postflow command finds it there; for the agent as a service set FRAMEIO_TOKEN_FILE="
            + store.file());
      }
      return ExitCodes.OK;
    } finally {
      if (box != null && session.ownsSandbox) {
        box.close();
      }
    }
  }

  private static URI imsUrl(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new CliException(ExitCodes.CONFIGURATION, "FRAMEIO_IMS_URL must be an http(s) URL with a host, was '"
        + text + "'", "leave it unset for Adobe's IMS");
  }

  private static CliException missingClient(String key) {
    return new CliException(ExitCodes.CONFIGURATION, key + " is not set",
        "create an OAuth Web App credential in the Adobe Developer Console (docs/getting-started.md) and set"
            + " FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET, or try 'postflow login --sandbox'");
  }

  /** Which login, for messages: never a token. */
  static String describe(StoredCredentials c) {
    return "IMS " + c.issuer().orElse("unknown") + ", client " + c.clientId().orElse("unknown")
        + c.account().map(a -> ", account " + a).orElse("");
  }

  private AccessToken authorize(ImsAuthenticator login, boolean inSandbox, Session session) {
    // The sandbox approves at once and its stand-in browser hands the redirect over directly: the
    // HTTPS loopback listener (a self-signed certificate a real browser accepts once) is not needed.
    if (paste || inSandbox) {
      LoginRequest request = login.beginLogin();
      session.out.println("Open this address in a browser and log in:");
      session.out.println("  " + request.authorizationUrl());
      session.out.println("Then paste here the address the browser ends up on (it may show an error page):");
      String redirected = inSandbox ? approveInSandbox(request.authorizationUrl(), session.out) : readLine(session);
      return login.completeFromRedirectUrl(request, redirected);
    }
    return login.loginWithLoopback(url -> openBrowser(url, session.out), Duration.ofSeconds(timeoutSeconds));
  }

  /** Who logged in, as Frame.io knows them: recorded so another account's login is never mistaken for it. */
  private static Optional<String> whoAmI(URI frameio, AccessToken token, PrintStream err) {
    try (FrameioClient client = FrameioClient.builder().baseUri(frameio)
        .authenticator(StaticTokenAuthenticator.of(token.value())).build()) {
      User me = client.me();
      return Optional.of(me.email().orElse(me.id()));
    } catch (PostFlowException e) {
      err.println("note: logged in, but Frame.io did not say who you are (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  private static void openBrowser(URI url, PrintStream out) {
    out.println("Opening your browser at:");
    out.println("  " + url);
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(url);
        return;
      }
    } catch (Exception | LinkageError e) {
      // No desktop here (a server, a container): the printed address is the way.
    }
    out.println("(could not open a browser: open the address yourself, or use --paste)");
  }

  /** The sandbox's IMS approves at once; an HTTP client plays the browser that gets redirected. */
  static String approveInSandbox(URI authorizationUrl, PrintStream out) {
    try {
      HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<Void> answer = browser.send(HttpRequest.newBuilder(authorizationUrl).build(),
          HttpResponse.BodyHandlers.discarding());
      String location = answer.headers().firstValue("Location").orElseThrow(
          () -> new PostFlowException("the sandbox did not redirect (HTTP " + answer.statusCode() + ")"));
      out.println("  (the sandbox approved the login and redirected the browser)");
      return location;
    } catch (IOException e) {
      throw new PostFlowException("cannot reach the sandbox: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostFlowException("interrupted", e);
    }
  }

  private static String readLine(Session session) {
    try {
      String line = new BufferedReader(new InputStreamReader(session.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw CliException.failed("no address was pasted");
      }
      return line.strip();
    } catch (IOException e) {
      throw CliException.failed("cannot read the pasted address: " + e.getMessage());
    }
  }
}
