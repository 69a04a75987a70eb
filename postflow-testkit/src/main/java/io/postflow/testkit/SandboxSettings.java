package io.postflow.testkit;

import io.postflow.api.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The validated settings of a {@link FrameioSandbox.Builder}; immutable. */
record SandboxSettings(
    Clock clock,
    Sleeper sleeper,
    RateLimitSettings rateLimits,
    Duration transcodeDelay,
    PageLimits pageLimits,
    long maxPartBytes,
    Duration partUrlExpiry,
    Path tempDirectory,
    String accountName,
    String workspaceName,
    String projectName,
    String userName,
    String userEmail,
    long randomSeed,
    int threads,
    Duration mediaLinkExpiry,
    RemoteSourceRules remoteSources,
    boolean plainHttpWebhooks,
    java.util.List<String> imsRedirectUriPatterns,
    int port) {

  /** The overrides as given, for checking them against the routes. */
  Map<String, RateLimit> rateLimitOverrides() {
    return rateLimits.overrides();
  }
}
