package io.postflow.journal.postgres;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.PipelineListener;
import io.postflow.api.UploadRequest;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.pipeline.PostFlow;
import java.io.PrintStream;
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
    PrintStream out = System.out;
    Path work = Path.of(args[4]);
    Path expectedFile = work.resolve("expected");
    PipelineListener report = new PipelineListener() {
      @Override
      public void onUploadStarted(Delivery d, UploadRequest request) {
        say(out, (request.resumeFrom().isPresent() ? "resumed " : "started ") + d.file().fileName());
      }

      @Override
      public void onConfirmed(Delivery d, String fileId, boolean adopted) {
        say(out, (adopted ? "adopted " : "confirmed ") + d.file().fileName());
      }

      @Override
      public void onDelivered(Delivery d) {
        say(out, "delivered " + d.file().fileName());
      }
    };
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
      say(out, "running");
      while (true) {
        Thread.sleep(100);
        Map<DeliveryState, Long> counts = postflow.deliveries().counts();
        // Written by the test once every render is there; until then, not done.
        long expected = Files.exists(expectedFile) ? Long.parseLong(Files.readString(expectedFile).strip())
            : Long.MAX_VALUE;
        if (counts.getOrDefault(DeliveryState.FAILED, 0L) > 0) {
          say(out, "failed " + counts); // no need to wait: the run cannot end as expected
          System.exit(3);
        }
        if (counts.getOrDefault(DeliveryState.DELIVERED, 0L) >= expected
            && counts.getOrDefault(DeliveryState.PENDING, 0L) == 0
            && counts.getOrDefault(DeliveryState.IN_PROGRESS, 0L) == 0) {
          say(out, "done " + counts);
          return;
        }
      }
    }
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
