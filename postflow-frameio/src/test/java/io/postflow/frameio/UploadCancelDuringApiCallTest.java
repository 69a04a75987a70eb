package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel while the upload's thread is inside a Frame.io call, on the real client: a call waiting
 * out a back-off is aborted, not waited for, but the call that creates the placeholder is let
 * finish so that the placeholder it made is known and deleted.
 */
class UploadCancelDuringApiCallTest extends WireMockSupport {
  private static final String LOCAL_UPLOAD = ".*/files/local_upload";
  private static final String FILE = "/v4/accounts/" + ACCOUNT + "/files/file-1";

  @TempDir Path dir;
  private PartTestServer parts;
  private ExecutorService single;
  private LocalUploader uploader;

  @BeforeEach
  void setUp() throws Exception {
    parts = new PartTestServer();
    client = clientBuilder().clock(Clock.systemUTC()).sleeper(Sleeper.system()).build();
    single = Executors.newSingleThreadExecutor();
    uploader = LocalUploader.builder().client(client).accountId(ACCOUNT).executor(single).build();
    wire.stubFor(delete(urlEqualTo(FILE)).willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void tearDown() {
    uploader.close();
    single.shutdownNow();
    parts.close();
  }

  @Test
  void cancel_whileAStatusPollWaitsOutA5xx_endsTheUploadAtOnce_deletesThePlaceholder_andLeavesNoInterrupt()
      throws Exception {
    wire.stubFor(post(urlPathMatching(LOCAL_UPLOAD)).willReturn(createdWithOnePart()));
    wire.stubFor(get(urlEqualTo(FILE + "/status")).willReturn(aResponse().withStatus(503)));
    UploadHandle handle = uploader.upload(UploadRequest.of(threeBytes(), "folder-1"));
    awaitRequest(getRequestedFor(urlEqualTo(FILE + "/status"))); // now waiting 30 s to retry

    long started = System.nanoTime();
    assertThat(handle.cancel()).isTrue();

    assertThatThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
    wire.verify(1, deleteRequestedFor(urlEqualTo(FILE)));
    assertThat(single.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS))
        .as("the cancel's interrupt must not reach the executor's next task").isFalse();
  }

  @Test
  void cancel_whileTheCreateCallIsInFlight_letsItFinish_andDeletesThePlaceholderItMade()
      throws Exception {
    wire.stubFor(post(urlPathMatching(LOCAL_UPLOAD))
        .willReturn(createdWithOnePart().withFixedDelay(1_000)));
    UploadHandle handle = uploader.upload(UploadRequest.of(threeBytes(), "folder-1"));
    awaitRequest(postRequestedFor(urlPathMatching(LOCAL_UPLOAD)));

    assertThat(handle.cancel()).isTrue();

    assertThatThrownBy(() -> handle.completion().get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    wire.verify(1, deleteRequestedFor(urlEqualTo(FILE)));
    assertThat(parts.received).as("no part is sent after the cancel").isEmpty();
  }

  private Path threeBytes() throws Exception {
    return Files.write(dir.resolve("a.mov"), new byte[] {1, 2, 3});
  }

  /** local_upload's 201: file-1 with one part of 3 bytes on the part server. */
  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder createdWithOnePart() {
    String url = parts.register("file-1", "video/quicktime", new long[] {3}).get(0).url();
    String file = fileJson("file-1", "folder-1", "created");
    String body = file.substring(0, file.length() - 1)
        + ",\"upload_urls\":[{\"size\":3,\"url\":\"" + url + "\"}]}";
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody(data(body));
  }

  private void awaitRequest(RequestPatternBuilder request) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (wire.findAll(request).isEmpty()) {
      assertThat(System.nanoTime()).as("never requested").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
