package io.postflow.pipeline;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.FolderPath;
import io.postflow.api.PipelineListener;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.auth.ServerToServerAuthenticator;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline in a process of its own with every logger at TRACE, for {@link SecretLeakTest}: it
 * signs in with a client secret, delivers renders through faults, and prints the
 * {@code toString()} of everything the public API hands out (deliveries, requests, results,
 * exceptions with their stack traces, the pipeline itself) so that the test can search all of it.
 *
 * <p>Arguments: sandbox base URI, IMS base URI, client id, client secret, account id, project id,
 * work folder, deliveries to wait for.
 */
public final class LeakCheckChild {
  private LeakCheckChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Path work = Path.of(args[6]);
    long expectedDelivered = Long.parseLong(args[7]);
    PipelineListener showEverything = new PipelineListener() {
      @Override
      public void onSeen(Delivery delivery) {
        say(out, "seen " + delivery);
      }

      @Override
      public void onQuarantined(Delivery delivery, String reason) {
        say(out, "quarantined " + delivery + " because " + reason);
      }

      @Override
      public void onFolderReady(Delivery delivery, FolderPath path, String folderId) {
        say(out, "folder " + path + " " + folderId);
      }

      @Override
      public void onUploadStarted(Delivery delivery, UploadRequest request) {
        say(out, "upload " + request);
      }

      @Override
      public void onUploadProgress(Delivery delivery, UploadProgress progress) {
        say(out, "progress " + progress);
      }

      @Override
      public void onUploadFinished(Delivery delivery, UploadResult result) {
        say(out, "finished " + result);
      }

      @Override
      public void onRetried(Delivery delivery, int attempt, Duration delay, Throwable cause) {
        say(out, "retried " + delivery + " attempt " + attempt);
        cause.printStackTrace(out);
      }

      @Override
      public void onDelivered(Delivery delivery) {
        say(out, "delivered " + delivery);
      }

      @Override
      public void onFailed(Delivery delivery, Throwable cause) {
        say(out, "failed " + delivery);
        cause.printStackTrace(out);
      }
    };
    ServerToServerAuthenticator signIn = ServerToServerAuthenticator.builder()
        .imsBaseUri(URI.create(args[1])).clientId(args[2]).clientSecret(args[3]).build();
    say(out, "authenticator " + signIn);
    try (PostFlow postflow = PostFlow.builder()
        .frameioBaseUri(URI.create(args[0]))
        .authenticator(signIn)
        .accountId(args[4])
        .projectId(args[5])
        .shotList(work.resolve("shots.csv"))
        .journalFile(work.resolve("journal.db"))
        .watch("renders", work.resolve("renders"))
        .settleTime(Duration.ofMillis(200))
        .scanInterval(Duration.ofMillis(50))
        .retry(6, Duration.ofMillis(20), Duration.ofMillis(200))
        .idlePoll(Duration.ofMillis(20))
        .stackWait(Duration.ofMillis(20))
        .listener(showEverything)
        .build()) {
      say(out, "pipeline " + postflow);
      postflow.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      Map<DeliveryState, Long> counts = postflow.deliveries().counts();
      while (counts.getOrDefault(DeliveryState.DELIVERED, 0L) < expectedDelivered
          || counts.getOrDefault(DeliveryState.PENDING, 0L) > 0
          || counts.getOrDefault(DeliveryState.IN_PROGRESS, 0L) > 0) {
        if (System.nanoTime() > deadline) {
          say(out, "gave up waiting; the journal holds " + counts);
          System.exit(3);
        }
        Thread.sleep(20);
        counts = postflow.deliveries().counts();
      }
      say(out, "counts " + counts);
      for (Delivery delivery : postflow.deliveries().list(Set.of(), 100)) {
        say(out, "journal " + delivery + " facts " + delivery.facts());
      }
      say(out, "done");
    }
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
