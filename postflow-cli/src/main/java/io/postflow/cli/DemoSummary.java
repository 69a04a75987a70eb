package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.api.ShotStatus;
import io.postflow.pipeline.PostFlow;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The demo's end: what Frame.io (or the sandbox) holds, each render's state and checksum, the
 * quarantined name and why, the notifications sent; and the checks that all of it is as it should
 * be. Every check that fails is named, and the demo's exit status says whether any did.
 */
final class DemoSummary {
  private final PostFlow postflow;
  private final DemoBackend backend;
  private final DemoRenders renders;
  private final DemoNarrator narrator;
  private final List<String> problems = new ArrayList<>();

  DemoSummary(PostFlow postflow, DemoBackend backend, DemoRenders renders, DemoNarrator narrator) {
    this.postflow = postflow;
    this.backend = backend;
    this.renders = renders;
    this.narrator = narrator;
  }

  /** Prints the summary; returns whether everything happened as expected. */
  boolean print(PrintStream out) {
    List<Delivery> journal = postflow.deliveries().list(Set.of(), 1000);
    out.println();
    out.println("=== Summary ===");
    tree(out, journal);
    files(out, journal);
    quarantine(out, journal);
    notifications(out);
    ShotStatus status = postflow.shots().findByNomenclature("KRAK_00001").orElseThrow().status();
    out.println("Shot KRAK_00001 is now " + status + " in the shot list.");
    check(status.equals(ShotStatus.REVIEW_UPLOADED), "shot KRAK_00001 is " + status + ", not " + ShotStatus.REVIEW_UPLOADED);
    out.println();
    if (problems.isEmpty()) {
      out.println("Everything happened as expected: 3 renders delivered once each with their bytes, version 2"
          + " stacked on version 1, the placeholder delivered only once filled, the bad name set aside.");
    } else {
      out.println("NOT as expected (" + problems.size() + "):");
      problems.forEach(problem -> out.println("  - " + problem));
    }
    return problems.isEmpty();
  }

  private void tree(PrintStream out, List<Delivery> journal) {
    if (backend.sandbox.isPresent()) {
      out.println("The project on Frame.io, as the sandbox holds it:");
      out.print(indent(backend.sandbox.get().inspect().tree(backend.projectId).print()));
    } else {
      out.println("Folders on Frame.io (project " + backend.projectId + ", test folder "
          + backend.testFolder.orElse("?") + "):");
      journal.stream().flatMap(d -> d.facts().folderPath().stream()).collect(Collectors.toCollection(TreeSet::new))
          .forEach(folder -> out.println("    " + folder + "/"));
    }
  }

  private void files(PrintStream out, List<Delivery> journal) {
    out.println("Files:");
    Map<String, List<SandboxFile>> onSandbox = backend.sandbox.map(FrameioSandbox::inspect)
        .map(inspector -> inspector.files().stream().collect(Collectors.groupingBy(SandboxFile::name)))
        .orElse(Map.of());
    for (String name : DemoRenders.DELIVERED) {
      Optional<Delivery> latest = latest(journal, name);
      String local = renders.sha256(name);
      out.printf(Locale.ROOT, "    %-22s %-12s %,14d bytes  sha256 %s%n", name,
          latest.map(d -> d.state().name().toLowerCase(Locale.ROOT)).orElse("not seen"),
          latest.map(d -> d.file().sizeBytes()).orElse(0L), local == null ? "(not written)" : local);
      check(latest.isPresent() && latest.get().state() == DeliveryState.DELIVERED, name + " was not delivered: "
          + latest.map(d -> d.state() + d.reason().map(r -> " (" + r + ")").orElse("")).orElse("never seen"));
      check(latest.flatMap(d -> d.facts().sha256()).equals(Optional.ofNullable(local)),
          name + ": the bytes sent do not match the render's checksum");
      if (backend.sandbox.isPresent()) {
        List<SandboxFile> copies = onSandbox.getOrDefault(name, List.of());
        check(copies.size() == 1, name + " is on Frame.io " + copies.size() + " times, not once");
        copies.forEach(copy -> check(copy.sha256() != null && copy.sha256().equals(local),
            name + ": Frame.io holds other bytes (sha256 " + copy.sha256() + ")"));
      }
    }
    journal.stream().filter(d -> d.file().fileName().equals(DemoRenders.PLACEHOLDER) && d.file().sizeBytes() == 0)
        .forEach(d -> problems.add("the 0-byte placeholder was taken for a render (delivery " + d.id() + ")"));
    check(latest(journal, DemoRenders.VERSION_2).flatMap(d -> d.facts().versionStackId()).isPresent(),
        DemoRenders.VERSION_2 + " was not stacked on version 1");
    if (backend.sandbox.isPresent()) {
      int total = onSandbox.values().stream().mapToInt(List::size).sum();
      check(total == DemoRenders.DELIVERED.size(), "Frame.io holds " + total + " files, not "
          + DemoRenders.DELIVERED.size() + ": " + new TreeSet<>(onSandbox.keySet()));
    }
  }

  private void quarantine(PrintStream out, List<Delivery> journal) {
    Optional<Delivery> bad = latest(journal, DemoRenders.BAD_NAME);
    out.println("Quarantined:");
    out.println("    " + DemoRenders.BAD_NAME + ": " + bad.flatMap(Delivery::reason).orElse("(not quarantined)"));
    check(bad.isPresent() && bad.get().state() == DeliveryState.QUARANTINED && bad.get().reason().isPresent(),
        DemoRenders.BAD_NAME + " was not quarantined with a reason: " + bad.map(Delivery::state).orElse(null));
  }

  private void notifications(PrintStream out) {
    List<Notification> sent = narrator.notifications();
    out.println("Notifications sent (" + sent.size() + "):");
    sent.forEach(n -> out.println("    " + n.kind() + "  " + n.message()));
    Map<Notification.Kind, Long> byKind = sent.stream()
        .collect(Collectors.groupingBy(Notification::kind, Collectors.counting()));
    check(byKind.getOrDefault(Notification.Kind.DELIVERED, 0L) == 3
            && byKind.getOrDefault(Notification.Kind.QUARANTINED, 0L) == 1 && byKind.size() == 2,
        "expected 3 DELIVERED and 1 QUARANTINED notifications, got " + byKind);
  }

  private static Optional<Delivery> latest(List<Delivery> journal, String name) {
    return journal.stream().filter(d -> d.file().fileName().equals(name))
        .max(Comparator.comparing(Delivery::recordedAt).thenComparing(Delivery::id));
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  private static String indent(String text) {
    return text.lines().map(line -> "    " + line).collect(Collectors.joining("\n", "", "\n"));
  }
}
