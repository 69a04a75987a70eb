package io.postflow.pipeline;

import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.notify.DiscordNotifier;
import io.postflow.testkit.DeliveryLines;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The pipeline in a process of its own, for {@link PipelineCrashTest} to kill. Prints one line per
 * upload start and confirmation (flushed), and with {@code --until-done N} exits by itself once N
 * deliveries are delivered and nothing is left to do.
 *
 * <p>Arguments: sandbox base URI, bearer token, account id, project id, work folder, and
 * optionally {@code --until-done N}, and {@code --discord URL} to tell a Discord webhook about each
 * delivered render.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[4]);
    long untilDone = args.length > 6 && args[5].equals("--until-done") ? Long.parseLong(args[6]) : -1;
    DeliveryLines report = new DeliveryLines(System.out);
    PostFlowBuilder builder = PostFlow.builder();
    for (int i = 5; i + 1 < args.length; i++) {
      if (args[i].equals("--discord")) {
        builder.notifier(DiscordNotifier.builder().webhookUrl(URI.create(args[i + 1])).build(),
            Notification.Kind.DELIVERED).notifyWindow(Duration.ZERO);
      }
    }
    try (PostFlow postflow = builder
        .frameioBaseUri(URI.create(args[0]))
        .authenticator(StaticTokenAuthenticator.of(args[1]))
        .accountId(args[2])
        .projectId(args[3])
        .shotList(work.resolve("shots.csv"))
        .journalFile(work.resolve("journal.db"))
        .watch("renders", work.resolve("renders"))
        .settleTime(Duration.ofMillis(200))
        .scanInterval(Duration.ofMillis(100))
        .retry(20, Duration.ofMillis(20), Duration.ofMillis(200))
        .idlePoll(Duration.ofMillis(50))
        .stackWait(Duration.ofMillis(50))
        .leaseLength(Duration.ofSeconds(30))
        .listener(report)
        .build()) {
      postflow.start();
      report.say("running");
      while (true) {
        Thread.sleep(50);
        Map<DeliveryState, Long> counts = postflow.deliveries().counts();
        if (untilDone >= 0 && counts.getOrDefault(DeliveryState.DELIVERED, 0L) >= untilDone
            && counts.getOrDefault(DeliveryState.PENDING, 0L) == 0
            && counts.getOrDefault(DeliveryState.IN_PROGRESS, 0L) == 0) {
          report.say("done " + counts);
          return;
        }
      }
    }
  }

}
