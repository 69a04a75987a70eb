package io.postflow.pipeline.journal;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.FileIdentity;
import io.postflow.api.Lease;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The process {@link SqliteJournalCrashTest} kills: records deliveries and their facts in a loop
 * until it is killed, printing each write only after the journal acknowledged it (the call
 * returned), one line each, flushed:
 *
 * <pre>
 * R id relative-path       a recorded delivery
 * F id file-id             facts recorded under a lease
 * C id                     a completed delivery
 * </pre>
 */
public final class JournalCrashChild {
  private JournalCrashChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String run = args[1];
    PrintStream out = System.out;
    SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(file);
    for (int i = 0; ; i++) {
      String path = "run-" + run + "/UNDLM_" + i + "_v001.mov";
      FileIdentity identity = FileIdentity.of("renders", path, 1_000 + i, Instant.ofEpochMilli(1_700_000_000_000L + i));
      Delivery recorded = journal.record(identity, "/mnt/renders/" + path,
          DeliveryFacts.builder().shot("UNDLM_" + i).version(1).build()).orElseThrow();
      out.println("R " + recorded.id() + " " + path);
      out.flush();
      Lease lease = journal.claim("crash-child-" + run, Duration.ofMinutes(5)).orElseThrow();
      String fileId = "file-" + run + "-" + lease.deliveryId();
      journal.recordFacts(lease, DeliveryFacts.builder().fileId(fileId).folderId("folder-" + run).build());
      out.println("F " + lease.deliveryId() + " " + fileId);
      out.flush();
      if (i % 2 == 0) {
        journal.complete(lease);
        out.println("C " + lease.deliveryId());
        out.flush();
      }
    }
  }
}
