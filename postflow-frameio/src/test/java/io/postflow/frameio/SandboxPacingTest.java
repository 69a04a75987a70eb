package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Pacing against the sandbox's own leaky buckets (Frame.io's documented limits). The sandbox and
 * the client share one simulated clock: the client's pacing waits move it, the sandbox's buckets
 * drain on it, so a busy machine cannot change what either sees.
 */
class SandboxPacingTest {

  @Test
  void burstOfTenAsyncFolderCreates_getsNo429AtThreePerSecond() throws Exception {
    SteppedTime time = new SteppedTime(Instant.parse("2026-01-05T10:00:00Z"));
    try (FrameioSandbox sandbox = FrameioSandbox.builder().clock(time.clock()).start();
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(new SandboxAuthenticator(sandbox))
            .clock(time.clock()).sleeper(time.sleeper()).build()) {
      FrameioAccount account = client.account(sandbox.accountId());
      List<CompletableFuture<Folder>> creates = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        creates.add(account.createFolderAsync(sandbox.rootFolderId(), "F" + i));
      }
      time.run(creates.size(), () -> (int) creates.stream().filter(CompletableFuture::isDone).count(),
          Duration.ofSeconds(60));
      creates.forEach(CompletableFuture::join);

      List<RecordedRequest> seen = sandbox.inspect().requests(r -> r.operation().equals("folders.create"));
      // The sandbox's bucket (3, draining 3/s on the shared clock) refused none: paced, not lucky.
      assertThat(seen).as("each create sent once, none refused").hasSize(10)
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
      Instant first = seen.get(0).at();
      Duration spread = Duration.between(first, seen.get(seen.size() - 1).at());
      assertThat(spread).as("3/s, not all at once").isGreaterThanOrEqualTo(Duration.ofMillis(2300));
      assertThat(time.sleeps()).as("the client paced itself, never backed off").hasSize(8);
    }
  }
}
