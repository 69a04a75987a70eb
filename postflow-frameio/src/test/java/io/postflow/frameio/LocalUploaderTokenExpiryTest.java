package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadListener;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.InMemoryTokenStore;
import io.postflow.frameio.auth.LoginRequest;
import io.postflow.frameio.auth.StoredCredentials;
import io.postflow.frameio.auth.TokenStore;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-pass case of the issue: the access token stops working while parts are on their way;
 * the next API call (the status poll) gets a 401, the IMS authenticator refreshes exactly once
 * (rotating the refresh token), and the upload completes.
 */
class LocalUploaderTokenExpiryTest {
  @TempDir Path dir;
  @TempDir Path sandboxDir;

  @Test
  void upload_whenTheTokenExpiresMidUpload_refreshesOnceAndCompletes() throws Exception {
    Path file = Files.write(dir.resolve("UNDLM_00042_v003.mov"), LocalUploaderTest.randomBytes(60_000_000));
    AtomicBoolean expired = new AtomicBoolean();
    CountingTokenStore tokens = new CountingTokenStore();

    try (FrameioSandbox sandbox = FrameioSandbox.builder().tempDirectory(sandboxDir)
            .transcodeDelay(Duration.ZERO).start();
        ImsAuthenticator ims = loggedIn(sandbox, tokens);
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri()).authenticator(ims).build();
        LocalUploader uploader = LocalUploader.builder().client(client).accountId(sandbox.accountId())
            .partConcurrency(1).build()) {
      // The login's own token call reaches the log just after its answer, maybe not yet now.
      long tokenCallsBefore = awaitTokenCalls(sandbox, 1);
      int savesBefore = tokens.saves.get();
      UploadListener expireAfterFirstPart = new UploadListener() {
        @Override
        public void onPartCompleted(int partIndex, int totalParts, long partBytes) {
          if (expired.compareAndSet(false, true)) {
            sandbox.faults().expireTokensNow();
          }
        }
      };

      UploadResult result = uploader.upload(UploadRequest.builder().file(file)
              .folderId(sandbox.rootFolderId()).listener(expireAfterFirstPart).build())
          .completion().get(2, TimeUnit.MINUTES);

      assertThat(expired).isTrue();
      assertThat(result.sha256()).isEqualTo(sandbox.inspect().file(result.fileId()).orElseThrow().sha256());
      assertThat(sandbox.inspect().requests(r -> r.path().startsWith("/v4/") && r.status() == 401))
          .as("the expired token was really used after the expiry").isNotEmpty();
      // Every refresh saves its rotated refresh token before the token is used, so once the upload
      // is complete every refresh it made is counted here: exactly one.
      assertThat(tokens.saves.get()).as("refreshes saved").isEqualTo(savesBefore + 1);
      assertThat(awaitTokenCalls(sandbox, tokenCallsBefore + 1)).as("one refresh").isEqualTo(tokenCallsBefore + 1);
    }
  }

  /** Logs in as a headless user would: open the URL (the sandbox approves), paste the redirect. */
  private static ImsAuthenticator loggedIn(FrameioSandbox sandbox, TokenStore tokens) throws Exception {
    ImsAuthenticator ims = ImsAuthenticator.builder().imsBaseUri(sandbox.imsBaseUri())
        .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
        .redirectUri(URI.create("https://localhost:8443/callback"))
        .tokenStore(tokens).build();
    LoginRequest login = ims.beginLogin();
    HttpResponse<Void> approval = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(login.authorizationUrl()).build(), HttpResponse.BodyHandlers.discarding());
    ims.completeFromRedirectUrl(login, approval.headers().firstValue("Location").orElseThrow());
    return ims;
  }

  private static long tokenCalls(FrameioSandbox sandbox) {
    return sandbox.inspect().requests(FrameioSandboxRequests::isTokenCall).size();
  }

  /**
   * IMS calls reach the request log just after their answer: waits (bounded) until {@code expected}
   * are there and returns the count then. Whether more calls were made is for the caller's own
   * count to say, not for a pause.
   */
  private static long awaitTokenCalls(FrameioSandbox sandbox, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long seen = tokenCalls(sandbox);
    while (seen < expected && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
      seen = tokenCalls(sandbox);
    }
    return seen;
  }

  /** Counts the credentials the authenticator saves: one at login, one per refresh (rotation). */
  private static final class CountingTokenStore implements TokenStore {
    private final TokenStore delegate = InMemoryTokenStore.create();
    final AtomicInteger saves = new AtomicInteger();

    @Override
    public Optional<StoredCredentials> load() {
      return delegate.load();
    }

    @Override
    public void save(StoredCredentials credentials) {
      saves.incrementAndGet();
      delegate.save(credentials);
    }

    @Override
    public void clear() {
      delegate.clear();
    }
  }

  private static final class FrameioSandboxRequests {
    static boolean isTokenCall(RecordedRequest r) {
      return r.method().equals("POST") && r.path().startsWith("/ims/token/v3");
    }
  }
}
