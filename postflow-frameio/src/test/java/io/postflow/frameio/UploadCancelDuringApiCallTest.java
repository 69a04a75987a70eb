package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Sleeper;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel while the upload's thread is inside a Frame.io call that is waiting out a back-off: the
 * call must be aborted, not waited for (the service asked for 5 minutes here).
 */
class UploadCancelDuringApiCallTest extends WireMockSupport {
  private static final String LOCAL_UPLOAD = ".*/files/local_upload";

  @TempDir Path dir;

  @Test
  void cancel_whileLocalUploadWaitsOutARetryAfter_endsTheUploadAtOnce_andLeavesNoInterruptBehind()
      throws Exception {
    wire.stubFor(post(urlPathMatching(LOCAL_UPLOAD))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));
    client = clientBuilder().clock(Clock.systemUTC()).sleeper(Sleeper.system()).build();
    ExecutorService single = Executors.newSingleThreadExecutor();
    try (LocalUploader uploader = LocalUploader.builder().client(client).accountId(ACCOUNT)
        .executor(single).build()) {
      Path file = Files.write(dir.resolve("a.mov"), new byte[] {1, 2, 3});
      UploadHandle handle = uploader.upload(UploadRequest.of(file, "folder-1"));
      awaitFirstLocalUploadCall();

      long started = System.nanoTime();
      assertThat(handle.cancel()).isTrue();

      assertThatThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
          .isInstanceOf(CancellationException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
      assertThat(single.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS))
          .as("the cancel's interrupt must not reach the executor's next task").isFalse();
      wire.verify(1, postRequestedFor(urlPathMatching(LOCAL_UPLOAD)));
    } finally {
      single.shutdownNow();
    }
  }

  private void awaitFirstLocalUploadCall() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (wire.findAll(postRequestedFor(urlPathMatching(LOCAL_UPLOAD))).isEmpty()) {
      assertThat(System.nanoTime()).as("local_upload was never called").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
