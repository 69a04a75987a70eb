package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceException;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the sandbox's /v4 faults: what it retries, what it refreshes, what it reports
 * and how. Back-offs are waited with a {@link ManualTime} shared by client and sandbox, so outages
 * measured on the sandbox clock pass while the client sleeps, instantly.
 */
class SandboxFaultsClientTest {
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  private FrameioSandbox sandbox;
  private SandboxAuthenticator auth;
  private FrameioClient client;
  private FrameioAccount account;

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.builder().clock(time.clock()).sleeper(time.sleeper()).start();
    auth = new SandboxAuthenticator(sandbox);
    client = FrameioClient.builder().baseUri(sandbox.baseUri()).authenticator(auth)
        .clock(time.clock()).sleeper(time.sleeper()).build();
    account = client.account(sandbox.accountId());
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  private List<String> childNames() {
    return account.children(sandbox.rootFolderId()).map(Asset::name).collect(Collectors.toList());
  }

  @Test
  void serverErrors_twice_areRetriedWithBackoff_andTheListingSucceeds() {
    account.createFolder(sandbox.rootFolderId(), "SC01");
    sandbox.faults().failApiCalls("folders.index", 2, 503);

    assertThat(childNames()).containsExactly("SC01");
    assertThat(sandbox.inspect().count("folders.index")).isEqualTo(3);
    assertThat(time.sleeps()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void anOutageLongerThanTheRetries_failsRetryable_withTheStatusAndRequestId() {
    sandbox.faults().failApiCallsFor(Duration.ofHours(1), 502);

    assertThatThrownBy(this::childNames).isInstanceOfSatisfying(ServiceException.class, e -> {
      assertThat(e.httpStatus()).isEqualTo(502);
      assertThat(e.isRetryable()).isTrue();
      assertThat(e.attempts()).isEqualTo(client.retryPolicy().maxAttempts());
      assertThat(e.requestId()).isPresent();
    });
  }

  @Test
  void notLinkedToAnAdobeId_refreshesOnce_thenSaysWhatToDo() {
    sandbox.faults().notLinkedToAdobeId(true);

    assertThatThrownBy(this::childNames).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("not linked to an Adobe ID");
    assertThat(auth.refreshes.get()).isEqualTo(1);
  }

  @Test
  void aLockedAccount_is403_notRetried_andSaysLocked() {
    sandbox.faults().lockAccount(true);

    assertThatThrownBy(this::childNames).isInstanceOfSatisfying(ServiceException.class, e -> {
      assertThat(e.httpStatus()).isEqualTo(403);
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.getMessage()).contains("locked");
    });
    assertThat(sandbox.inspect().count("folders.index")).isEqualTo(1);
  }

  @Test
  void aTokenExpiringInTheMiddleOfAListing_isRefreshed_andTheListingCompletes() {
    for (String name : List.of("SC01", "SC02", "SC03", "SC04", "SC05")) {
      account.createFolder(sandbox.rootFolderId(), name);
    }
    sandbox.faults().expireTokensAfter(1);

    assertThat(account.folders(sandbox.rootFolderId(), 2).map(Folder::name).collect(Collectors.toList()))
        .containsExactly("SC01", "SC02", "SC03", "SC04", "SC05");
    assertThat(auth.refreshes.get()).isEqualTo(1);
  }

  @Test
  void plainTextRateLimits_withoutHeaders_areWaitedOutAndRetried() {
    account.createFolder(sandbox.rootFolderId(), "SC01");
    sandbox.faults().plainRateLimitStorm(2);

    assertThat(childNames()).containsExactly("SC01");
    assertThat(sandbox.inspect().requests(r -> r.operation().equals("folders.index") && r.status() == 429)).hasSize(2);
    // the documented 429 floor, doubling, without any header to go by (pacing adds short waits besides)
    assertThat(time.sleeps()).filteredOn(d -> d.compareTo(Duration.ofSeconds(1)) >= 0).hasSize(2)
        .last().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
  }
}
