package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Pacing against the sandbox's own leaky buckets (Frame.io's documented limits, real time). */
class SandboxPacingTest {

  @Test
  void burstOfTenAsyncFolderCreates_getsNo429AtThreePerSecond() {
    try (FrameioSandbox sandbox = FrameioSandbox.start();
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(new SandboxAuthenticator(sandbox)).build()) {
      FrameioAccount account = client.account(sandbox.accountId());
      List<CompletableFuture<Folder>> creates = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        creates.add(account.createFolderAsync(sandbox.rootFolderId(), "F" + i));
      }
      creates.forEach(CompletableFuture::join);

      List<RecordedRequest> seen = sandbox.inspect().requests(r -> r.operation().equals("folders.create"));
      assertThat(seen).hasSize(10).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
      Duration spread = Duration.between(seen.get(0).at(), seen.get(seen.size() - 1).at());
      assertThat(spread).isGreaterThanOrEqualTo(Duration.ofMillis(2300)); // 3/s, not all at once
    }
  }
}
