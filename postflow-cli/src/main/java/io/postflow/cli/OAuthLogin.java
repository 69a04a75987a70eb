package io.postflow.cli;

import io.postflow.api.AccessToken;
import io.postflow.api.PostFlowException;
import io.postflow.frameio.auth.FileTokenStore;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.LoginRequest;
import io.postflow.testkit.FrameioSandbox;
import java.awt.Desktop;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logs in to Frame.io through Adobe IMS (OAuth Web App) once and stores the refresh token, so that
 * PostFlow can run unattended afterwards.
 *
 * <pre>
 * FRAMEIO_CLIENT_ID=... FRAMEIO_CLIENT_SECRET=... java ... OAuthLogin [--paste] [--token-file F]
 *     [--redirect-uri https://localhost:8443/callback]
 * java ... OAuthLogin --sandbox        # the same flow against the in-process sandbox
 * </pre>
 *
 * <p>By default it listens on the redirect URI (HTTPS with a certificate made on the spot: accept
 * the browser's warning once) and opens the browser. With {@code --paste}, for a machine without
 * a browser, it prints the URL to open elsewhere and reads back the address the browser was sent
 * to. The token file is written with owner-only permissions; no token is ever printed.
 */
public final class OAuthLogin {
  static final String DEFAULT_REDIRECT = "https://localhost:8443/callback";
  static final Path DEFAULT_TOKEN_FILE =
      Path.of(System.getProperty("user.home"), ".postflow", "frameio-token.json");

  private OAuthLogin() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.in, System.out, System.err));
  }

  /** The whole program, testable: returns the exit code instead of exiting. */
  static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(Options.USAGE);
      return 2;
    }
    try (FrameioSandbox sandbox = options.sandbox ? FrameioSandbox.start() : null) {
      ImsAuthenticator ims = ImsAuthenticator.builder()
          .imsBaseUri(sandbox != null ? sandbox.imsBaseUri() : options.imsBaseUri)
          .clientId(sandbox != null ? sandbox.clientId() : options.clientId)
          .clientSecret(sandbox != null ? sandbox.clientSecret() : options.clientSecret)
          .redirectUri(options.redirectUri)
          .tokenStore(FileTokenStore.of(options.tokenFile))
          .build();
      AccessToken token;
      if (options.paste) {
        LoginRequest login = ims.beginLogin();
        out.println("Open this address in a browser and log in:");
        out.println("  " + login.authorizationUrl());
        out.println("Then paste here the address the browser ends up on (it may show an error page):");
        String redirected = sandbox != null ? approveInSandbox(login.authorizationUrl(), out) : readLine(in);
        token = ims.completeFromRedirectUrl(login, redirected);
      } else {
        Consumer<URI> browser = sandbox != null ? url -> followInSandbox(url, out) : url -> openBrowser(url, out);
        token = ims.loginWithLoopback(browser, options.timeout);
      }
      out.println("Logged in. Access token valid until " + token.expiresAt()
          + "; refresh token stored in " + options.tokenFile);
      return 0;
    } catch (PostFlowException e) {
      err.println("login failed: " + e.getMessage());
      return 1;
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
  private static String approveInSandbox(URI authorizationUrl, PrintStream out) {
    try {
      HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<Void> answer = browser.send(HttpRequest.newBuilder(authorizationUrl).build(),
          HttpResponse.BodyHandlers.discarding());
      String location = answer.headers().firstValue("Location").orElseThrow(
          () -> new PostFlowException("the sandbox did not redirect (HTTP " + answer.statusCode() + ")"));
      out.println("  (the sandbox approved the login and redirected the browser)");
      return location;
    } catch (java.io.IOException e) {
      throw new PostFlowException("cannot reach the sandbox: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostFlowException("interrupted", e);
    }
  }

  private static void followInSandbox(URI authorizationUrl, PrintStream out) {
    String redirect = approveInSandbox(authorizationUrl, out);
    Thread browser = new Thread(() -> {
      try {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(redirect)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        out.println("  (sandbox browser could not deliver the redirect: " + e.getMessage() + ")");
      }
    }, "sandbox-browser");
    browser.setDaemon(true);
    browser.start();
  }

  private static String readLine(InputStream in) {
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw new PostFlowException("no address was pasted");
      }
      return line.strip();
    } catch (java.io.IOException e) {
      throw new PostFlowException("cannot read the pasted address: " + e.getMessage(), e);
    }
  }

  /** Command-line and environment settings. */
  static final class Options {
    static final String USAGE = "usage: OAuthLogin [--sandbox] [--paste] [--token-file FILE]"
        + " [--redirect-uri URI] [--timeout SECONDS]  (FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET"
        + " in the environment unless --sandbox)";

    boolean sandbox;
    boolean paste;
    Path tokenFile = DEFAULT_TOKEN_FILE;
    URI redirectUri;
    URI imsBaseUri = URI.create("https://ims-na1.adobelogin.com");
    Duration timeout = Duration.ofMinutes(5);
    String clientId;
    String clientSecret;

    static Options parse(String[] args, Map<String, String> env) {
      Options o = new Options();
      List<String> rest = new ArrayList<>(List.of(args));
      while (!rest.isEmpty()) {
        String arg = rest.remove(0);
        switch (arg) {
          case "--sandbox": o.sandbox = true; break;
          case "--paste": o.paste = true; break;
          case "--token-file": o.tokenFile = Path.of(value(arg, rest)); break;
          case "--redirect-uri": o.redirectUri = URI.create(value(arg, rest)); break;
          case "--timeout": o.timeout = Duration.ofSeconds(Long.parseLong(value(arg, rest))); break;
          default: throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      if (o.redirectUri == null) {
        // The sandbox's stand-in browser speaks plain HTTP to a free port; Adobe wants HTTPS.
        o.redirectUri = URI.create(o.sandbox ? "http://127.0.0.1:0/callback" : DEFAULT_REDIRECT);
      }
      o.clientId = env.get("FRAMEIO_CLIENT_ID");
      o.clientSecret = env.get("FRAMEIO_CLIENT_SECRET");
      if (env.containsKey("ADOBE_IMS_BASE_URI")) {
        o.imsBaseUri = URI.create(env.get("ADOBE_IMS_BASE_URI"));
      }
      if (!o.sandbox && (isBlank(o.clientId) || isBlank(o.clientSecret))) {
        throw new IllegalArgumentException(
            "FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET must be set (from your Adobe Developer Console"
                + " OAuth Web App credential), or use --sandbox");
      }
      return o;
    }

    private static String value(String option, List<String> rest) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return rest.remove(0);
    }

    private static boolean isBlank(String s) {
      return s == null || s.isBlank();
    }
  }
}
