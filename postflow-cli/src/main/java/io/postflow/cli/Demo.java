package io.postflow.cli;

import io.postflow.dashboard.Dashboard;
import io.postflow.pipeline.PostFlow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The PostFlow demo ({@code postflow demo}): the real pipeline, with its live dashboard, on the
 * in-process Frame.io sandbox (no account, no network). Renders land in a temporary watched folder
 * over a few seconds, the awkward ways they land in a real filespace (see {@link DemoRenders}); the
 * demo shows each step and each upload's progress, then a summary with the checks that everything
 * happened as it should. It runs on a real Frame.io project only when one is named and confirmed
 * ({@link DemoBackend}).
 */
final class Demo {
  /** Each render's size: enough for a few seconds of progress to watch. */
  static final long RENDER_BYTES = 16L * 1000 * 1000;
  /** What a run uploads, in MB: three renders (the badly named one is never uploaded). */
  static final long TOTAL_MEGABYTES = 3 * RENDER_BYTES / 1_000_000;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private final DemoCommand options;
  private final Session session;
  private final PrintStream out;

  Demo(DemoCommand options, Session session) {
    this.options = options;
    this.session = session;
    this.out = session.out;
  }

  /**
   * Runs the demo, telling the session's output what happens.
   *
   * @return whether everything happened as expected (the summary says what did not)
   * @throws CliException when a real project is refused (before anything is created), the files
   *     cannot be prepared, or Ctrl-C stops the demo
   * @throws io.postflow.api.PostFlowException when the pipeline cannot run
   */
  boolean run() throws InterruptedException {
    Path work = null;
    try (DemoBackend backend = DemoBackend.open(options, out)) {
      work = Files.createTempDirectory("postflow-demo");
      return run(backend, work);
    } catch (IOException e) {
      throw CliException.failed("the demo could not prepare its files: " + e);
    } finally {
      deleteTree(work);
      session.stop.finished();
    }
  }

  private boolean run(DemoBackend backend, Path work) throws IOException, InterruptedException {
    Path renders = Files.createDirectories(work.resolve("renders"));
    DemoNarrator narrator = new DemoNarrator(out);
    try (PostFlow postflow = backend.configure(PostFlow.builder())
            .shotList(copyShotList(work))
            .journalFile(work.resolve("journal.db"))
            .watch("renders", renders)
            .settleTime(Duration.ofSeconds(1))
            .scanInterval(Duration.ofMillis(250))
            .waitForTranscode(true)
            .listener(narrator)
            .notifier(narrator)
            // A chat gathers a minute of renders into one message; the demo's summary need not
            // wait that minute for the notifications it lists.
            .notifyWindow(Duration.ofSeconds(2))
            .build()
            .start();
        Dashboard dashboard = Dashboard.builder().postflow(postflow).port(options.port).build()) {
      out.println("Dashboard: " + dashboard.start() + "   <- open it to watch the renders arrive");
      out.println("Watching " + renders + " with a shot list of " + postflow.shots().shots().size() + " shots in "
          + postflow.shots().scenes().size() + " scenes");
      out.println();
      DemoRenders landing = new DemoRenders(renders, RENDER_BYTES, out);
      landing.land();
      awaitEndings(narrator);
      boolean asExpected = new DemoSummary(postflow, backend, landing, narrator).print(out);
      if (!options.linger().isZero()) {
        out.println("The dashboard stays up for " + options.linger().toSeconds() + " s at " + dashboard.url()
            + " (Ctrl-C ends it now)");
        out.flush();
        session.stop.await(options.linger());
      }
      return asExpected;
    }
  }

  /**
   * Waits until every render has ended one way or another (and its notification was sent), or the
   * deadline; Ctrl-C stops the wait and the demo.
   */
  private void awaitEndings(DemoNarrator narrator) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, String> endings = narrator.endings();
      boolean allEnded = endings.keySet().containsAll(DemoRenders.DELIVERED)
          && endings.containsKey(DemoRenders.BAD_NAME);
      if (allEnded && narrator.notifications().size() >= endings.size()) {
        return;
      }
      if (session.stop.await(Duration.ofMillis(100))) {
        throw new CliException(ExitCodes.INTERRUPTED, "stopped before the end; nothing is left behind", null);
      }
    }
  }

  private static Path copyShotList(Path work) throws IOException {
    Path csv = work.resolve("shots.csv");
    try (InputStream in = Objects.requireNonNull(Demo.class.getResourceAsStream("/demo/shots.csv"),
        "the postflow jar lacks /demo/shots.csv")) {
      Files.copy(in, csv);
    }
    return csv;
  }

  private void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      session.err.println("postflow demo: could not delete its temporary folder " + root + ": " + e.getMessage());
    }
  }
}
