package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak check: a whole pipeline run with every logger at TRACE (a child JVM, so the level
 * applies from its first line), signing in with a client secret, through part PUTs refused and
 * failing, a 429 storm, tokens expiring mid-run, bad names and unknown shots, and the
 * {@code toString()} of everything the API hands out. Nothing it writes may contain a client
 * secret, an access or refresh token, an authorization code, a bearer header or a presigned
 * URL's signature.
 */
class SecretLeakTest {
  /** The sandbox's tokens and codes: a readable prefix and 256 random bits, base64url. */
  private static final Pattern ISSUED = Pattern.compile("\\b(at|rt|code)_[A-Za-z0-9_-]{20,}");
  private static final Pattern SIGNATURE = Pattern.compile("(?i)X-Amz-Signature=[0-9a-f]{8,}");
  private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+[A-Za-z0-9._~+/-]{8,}");

  @TempDir Path work;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aRunThroughFaults_atTrace_neverWritesASecret() throws Exception {
    Path renders = Files.createDirectories(work.resolve("renders"));
    ShotListFixture.write(work.resolve("shots.csv"), "PHARE - NUIT", "PORT - AUBE", "BUS");
    List<String> delivered = List.of("KRAK_00001_v001.mov", "KRAK_00002_v001.mov",
        "KRAK_00003_v001.mov", "KRAK_00001_v002.mov");
    Path output = work.resolve("child.log");
    try (FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO)
        .partUrlExpiry(Duration.ofMinutes(5)).start()) {
      assertThat(ISSUED.matcher(sandbox.issueAccessToken()).find())
          .as("the search recognises the sandbox's tokens").isTrue();
      sandbox.faults().failPartPuts(2, 500).failPartPuts(2, 503).resetPartPuts(1).rateLimitStorm(3);
      long seed = 1;
      for (String name : delivered) {
        TestFiles.landed(renders.resolve(name), (3L << 20) + seed * 4097, seed++);
      }
      TestFiles.random(renders.resolve("final render.mov"), 1000, seed++);
      TestFiles.random(renders.resolve("KRAK_00099_v001.mov"), 1000, seed);

      Process child = new ProcessBuilder(
          ProcessHandle.current().info().command().orElse("java"),
          "-cp", System.getProperty("java.class.path"),
          "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
          LeakCheckChild.class.getName(),
          sandbox.baseUri().toString(), sandbox.imsBaseUri().toString(),
          sandbox.serverToServerClientId(), sandbox.serverToServerClientSecret(),
          sandbox.accountId(), sandbox.projectId(), work.toString(),
          String.valueOf(delivered.size()))
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        // Tokens expire once the first render is delivered: the rest needs a new sign-in.
        awaitLine(output, "delivered ", child);
        sandbox.faults().expireTokensNow();
        assertThat(child.waitFor(150, TimeUnit.SECONDS)).as("the child finished").isTrue();
      } finally {
        child.destroyForcibly();
      }
      String everything = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as(tail(everything)).isZero();

      assertThat(everything).as("the run was logged at TRACE/DEBUG").containsPattern("(TRACE|DEBUG) ");
      assertThat(everything).contains("done").contains("quarantined");
      for (String name : delivered) {
        assertThat(everything).contains("delivered ");
        assertThat(everything).contains(name);
      }
      assertThat(found(ISSUED, everything)).as("access/refresh tokens or codes").isEmpty();
      assertThat(found(SIGNATURE, everything)).as("presigned URL signatures").isEmpty();
      assertThat(found(BEARER, everything)).as("bearer headers").isEmpty();
      assertThat(everything).as("the client secret")
          .doesNotContain(sandbox.serverToServerClientSecret());
    }
  }

  private static List<String> found(Pattern pattern, String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        lines.add(line.length() > 300 ? line.substring(0, 300) + "..." : line);
      }
    }
    return lines;
  }

  private static void awaitLine(Path output, String prefix, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(output) && Files.readAllLines(output, StandardCharsets.UTF_8).stream()
          .anyMatch(line -> line.startsWith(prefix))) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("the child ended early:\n"
            + tail(Files.readString(output, StandardCharsets.UTF_8)));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + prefix + "' line within 90 s:\n"
        + tail(Files.readString(output, StandardCharsets.UTF_8)));
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
