package io.postflow.journal.postgres;

import io.postflow.api.DeliveryState;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.pipeline.PostFlow;
import io.postflow.testkit.DeliveryLines;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One PostFlow agent in a JVM of its own, for {@link SharedJournalAgentsTest} to run beside
 * another, kill, pause and restart. It finds its journal the way a studio's agent does: through
 * {@code POSTFLOW_JOURNAL_URL}, {@code POSTFLOW_JOURNAL_USER}, {@code POSTFLOW_JOURNAL_PASSWORD_FILE}
 * and {@code POSTFLOW_AGENT_ID}. Prints (flushed) {@code running}, {@code started|resumed NAME},
 * {@code confirmed|adopted NAME}, {@code delivered NAME}, and {@code done} when the shared journal
 * holds as many delivered renders as the work folder's file {@code expected} says (the test writes
 * it once every render is there) and nothing left to do; then it exits. It exits with
 * status 3 as soon as any delivery failed for good.
 *
 * <p>Arguments: sandbox base URI, bearer token, account id, project id, work folder (with
 * {@code shots.csv} and {@code renders/}), journal URL, user, password file, agent id, lease in
 * milliseconds.
 */
public final class SharedJournalAgent {
  private SharedJournalAgent() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[4]);
    Path expectedFile = work.resolve("expected");
    DeliveryLines report = new DeliveryLines(System.out);
    try (PostFlow postflow = PostFlow.builder()
        .fromEnvironment(Map.of(
            "POSTFLOW_JOURNAL_URL", args[5],
            "POSTFLOW_JOURNAL_USER", args[6],
            "POSTFLOW_JOURNAL_PASSWORD_FILE", args[7],
            "POSTFLOW_AGENT_ID", args[8]))
        .frameioBaseUri(URI.create(args[0]))
        .authenticator(StaticTokenAuthenticator.of(args[1]))
        .accountId(args[2])
        .projectId(args[3])
        .shotList(work.resolve("shots.csv"))
        .watch("renders", work.resolve("renders"))
        .maxConcurrentUploads(3)
        .settleTime(Duration.ofMillis(200))
        .scanInterval(Duration.ofMillis(300))
        .retry(30, Duration.ofMillis(20), Duration.ofMillis(500))
        .idlePoll(Duration.ofMillis(100))
        .stackWait(Duration.ofMillis(50))
        .leaseLength(Duration.ofMillis(Long.parseLong(args[9])))
        .listener(report)
        .build()) {
      postflow.start();
      report.say("running");
      while (true) {
        Thread.sleep(100);
        Map<DeliveryState, Long> counts = postflow.deliveries().counts();
        // Written by the test once every render is there; until then, not done.
        long expected = Files.exists(expectedFile) ? Long.parseLong(Files.readString(expectedFile).strip())
            : Long.MAX_VALUE;
        if (counts.getOrDefault(DeliveryState.FAILED, 0L) > 0) {
          report.say("failed " + counts); // no need to wait: the run cannot end as expected
          System.exit(3);
        }
        if (counts.getOrDefault(DeliveryState.DELIVERED, 0L) >= expected
            && counts.getOrDefault(DeliveryState.PENDING, 0L) == 0
            && counts.getOrDefault(DeliveryState.IN_PROGRESS, 0L) == 0) {
          report.say("done " + counts);
          return;
        }
      }
    }
  }

}
