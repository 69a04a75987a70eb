package io.postflow.examples.demo;

import io.postflow.api.PostFlowException;
import io.postflow.dashboard.Dashboard;
import io.postflow.pipeline.PostFlow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The PostFlow demo: the real pipeline, with its live dashboard, on the in-process Frame.io
 * sandbox (no account, no network). Renders land in a temporary watched folder over a few
 * seconds, the awkward ways they land in a real filespace (see {@link DemoRenders}); the demo
 * shows each step and each upload's progress, then a summary with the checks that everything
 * happened as it should. {@code --help} tells the options, among them how to run it on a real
 * Frame.io project, which it does only when one is named and confirmed.
 *
 * <p>Run it with {@code ./mvnw -q -B -Pdemo -DskipTests verify}; from code (the CLI's
 * {@code postflow demo}) with {@link #run(DemoOptions, PrintStream)}.
 */
public final class Demo {
  /** Each render's size: enough for a few seconds of progress to watch. */
  static final long RENDER_BYTES = 16L * 1000 * 1000;
  /** What a run uploads, in MB: three renders (the badly named one is never uploaded). */
  static final long TOTAL_MEGABYTES = 3 * RENDER_BYTES / 1_000_000;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private Demo() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(DemoOptions.parse(Arrays.asList(args), System.getenv()), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("Demo: " + e.getMessage());
      status = 2;
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the demo as {@code options} say, telling {@code out} what happens.
   *
   * @return 0 when everything happened as expected, 1 when something did not (the summary says
   *     what) or the pipeline could not run, 2 when a real project was refused
   */
  public static int run(DemoOptions options, PrintStream out) {
    if (options.help()) {
      out.println(DemoOptions.USAGE);
      return 0;
    }
    Path work = null;
    try (DemoBackend backend = DemoBackend.open(options, out)) {
      work = Files.createTempDirectory("postflow-demo");
      return run(options, backend, work, out);
    } catch (DemoRefusedException e) {
      out.println("Refused: " + e.getMessage());
      return 2;
    } catch (PostFlowException e) {
      out.println("The demo could not run: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      out.println("The demo could not prepare its files: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("Interrupted.");
      return 1;
    } finally {
      deleteTree(work);
    }
  }

  private static int run(DemoOptions options, DemoBackend backend, Path work, PrintStream out)
      throws IOException, InterruptedException {
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
            .build()
            .start();
        Dashboard dashboard = Dashboard.builder().postflow(postflow).port(options.port()).build()) {
      out.println("Dashboard: " + dashboard.start() + "   <- open it to watch the renders arrive");
      out.println("Watching " + renders + " with a shot list of " + postflow.shots().shots().size() + " shots in "
          + postflow.shots().scenes().size() + " scenes");
      out.println();
      DemoRenders landing = new DemoRenders(renders, RENDER_BYTES, out);
      landing.land();
      awaitEndings(narrator);
      boolean asExpected = new DemoSummary(postflow, backend, landing, narrator).print(out);
      if (!options.linger().isZero()) {
        out.println("The dashboard stays up for " + options.linger().toSeconds() + " s at " + dashboard.url());
        Thread.sleep(options.linger().toMillis());
      }
      return asExpected ? 0 : 1;
    }
  }

  /** Waits until every render has ended one way or another (and its notification was sent), or the deadline. */
  private static void awaitEndings(DemoNarrator narrator) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, String> endings = narrator.endings();
      boolean allEnded = endings.keySet().containsAll(DemoRenders.DELIVERED)
          && endings.containsKey(DemoRenders.BAD_NAME);
      if (allEnded && narrator.notifications().size() >= endings.size()) {
        return;
      }
      Thread.sleep(100);
    }
  }

  private static Path copyShotList(Path work) throws IOException {
    Path csv = work.resolve("shots.csv");
    try (InputStream in = Objects.requireNonNull(Demo.class.getResourceAsStream("/demo/shots.csv"),
        "the examples jar lacks /demo/shots.csv")) {
      Files.copy(in, csv);
    }
    return csv;
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Demo: could not delete its temporary folder " + root + ": " + e.getMessage());
    }
  }
}
