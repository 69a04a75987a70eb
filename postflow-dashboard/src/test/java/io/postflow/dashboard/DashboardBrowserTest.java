package io.postflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.pipeline.PostFlow;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.TestFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser (headless Chromium through Selenium) against an agent on the
 * sandbox: the page signs in with the access token, a new render appears in the uploads, its
 * progress moves, it ends delivered, and a badly named render shows in the quarantine with the
 * reason. {@code -Ddashboard.screenshot=true} saves the page to {@code docs/images/dashboard.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code scripts/browser-for-tests}
 * installs them); skipped without them, except on CI ({@code CI=true}), where that is a failure.
 */
class DashboardBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long RENDER_BYTES = 48L * 1000 * 1000;

  @TempDir
  Path work;

  @Test
  void aNewRenderAppears_itsProgressMoves_andItEndsDelivered() throws Exception {
    requireBrowser();
    String token = "browser-test-token-0123456789";
    try (FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ofMillis(200))
            .maxPartBytes(1_000_000).start();
        TestPipeline env = new TestPipeline(work, sandbox);
        PostFlow postflow = env.builder().build();
        Dashboard dashboard = Dashboard.builder().postflow(postflow).accessToken(token).build()) {
      postflow.start();
      dashboard.start();
      ChromeDriver browser = browser(work.resolve("chromium-profile"));
      try {
        browser.get(dashboard.signInUrl().toString());
        Waiter wait = new Waiter(browser);
        wait.until(d -> d.findElement(By.id("connection")).getDomAttribute("data-state").equals("live"));
        assertThat(browser.getCurrentUrl()).as("the token left the address bar").doesNotContain(token);
        assertThat(browser.findElements(By.cssSelector("#scenes .scene"))).hasSize(2);

        // Every value the page shows, recorded by the page itself, so a slow poll misses none.
        browser.executeScript("window.seen = []; new MutationObserver(() => document.querySelectorAll("
            + "'#uploads tbody tr').forEach(r => window.seen.push(r.cells[0].textContent + ' '"
            + " + r.dataset.fraction))).observe(document.querySelector('#uploads tbody'),"
            + " {childList: true, subtree: true, attributes: true});");

        // Every part waits a moment at the sandbox, so the upload takes a few seconds to watch.
        sandbox.faults().stallPartPuts(48, Duration.ofMillis(400));
        land(env.renders, "KRAK_00001_v001.mov", 1);
        land(env.renders, "KRAK_00003_final.mov", 3);

        wait.until(d -> !d.findElements(By.cssSelector("#uploads tbody tr")).isEmpty());
        // The picture for the docs: the upload well under way, the bad name already set aside.
        byte[] screenshot = null;
        if (Boolean.getBoolean("dashboard.screenshot")) {
          wait.until(d -> d.findElements(By.cssSelector("#uploads tbody tr")).stream()
              .anyMatch(r -> Double.parseDouble(r.getDomAttribute("data-fraction")) >= 0.5)
              && !d.findElements(By.cssSelector("#quarantine tr[data-file='KRAK_00003_final.mov']")).isEmpty()
              || !d.findElements(By.cssSelector("#deliveries tr[data-state='delivered']")).isEmpty());
          screenshot = browser.getScreenshotAs(OutputType.BYTES);
        }

        wait.until(d -> d.findElements(By.cssSelector("#deliveries tr[data-file='KRAK_00001_v001.mov'][data-state='delivered']"))
            .size() == 1);
        wait.until(d -> d.findElements(By.cssSelector("#uploads tbody tr")).isEmpty());
        List<Double> seen = new ArrayList<>();
        for (Object entry : (List<?>) browser.executeScript("return window.seen;")) {
          String[] fileAndFraction = entry.toString().split(" ");
          assertThat(fileAndFraction[0]).isEqualTo("KRAK_00001_v001.mov");
          seen.add(Double.parseDouble(fileAndFraction[1]));
        }
        assertThat(seen).as("the progress the page showed, in order").isSorted();
        assertThat(seen.stream().filter(f -> f > 0 && f < 1).distinct().count()).as("progress moved: %s", seen)
            .isGreaterThanOrEqualTo(2);
        // Each read goes through the waiter: live updates re-render the sections, and an element
        // read a moment after a re-render is stale (the waiter looks again).
        wait.until(d -> d.findElements(By.cssSelector("#quarantine tr[data-file='KRAK_00003_final.mov']")).size() == 1
            && d.findElement(By.cssSelector("#quarantine tr[data-file='KRAK_00003_final.mov']")).getText()
                .contains("KRAK_00003_final.mov"));
        wait.until(d -> d.findElement(By.cssSelector("[data-shot='KRAK_00001']")).getDomAttribute("data-status")
            .equals("review_uploaded"));
        wait.until(d -> d.findElements(By.cssSelector("#notifications li")).size() >= 2);
        wait.until(d -> {
          String feed = d.findElement(By.id("notifications")).getText().toLowerCase();
          return feed.contains("delivered") && feed.contains("quarantined");
        });
        wait.until(d -> d.findElement(By.id("events")).getText().contains("KRAK_00001_v001.mov: delivered"));

        saveScreenshotWhenAsked(screenshot);
      } finally {
        browser.quit();
      }
    }
  }

  /** Polls the page every 40 ms until a condition holds, for at most 60 s; a stale element is a retry. */
  private static final class Waiter {
    private final WebDriver browser;

    Waiter(WebDriver browser) {
      this.browser = browser;
    }

    void until(Predicate<WebDriver> condition) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      WebDriverException last = null;
      while (System.nanoTime() < deadline) {
        try {
          if (condition.test(browser)) {
            return;
          }
        } catch (WebDriverException e) {
          last = e; // the page re-rendered under us: look again
        }
        Thread.sleep(40);
      }
      throw new AssertionError("the page did not get there in 60 s; it shows:\n"
          + browser.findElement(By.tagName("body")).getText(), last);
    }
  }

  /** Lands the render whole, as a render farm does. */
  private static void land(Path renders, String name, long seed) {
    TestFiles.landed(renders.resolve(name), RENDER_BYTES, seed);
  }

  private static ChromeDriver browser(Path profile) throws Exception {
    Files.createDirectories(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1250", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(new File(profile.getParent().toFile(), "chromedriver.log"))
        .build();
    return new ChromeDriver(service, options);
  }

  private static void saveScreenshotWhenAsked(byte[] screenshot) throws Exception {
    if (screenshot == null) {
      return;
    }
    Path target = Path.of(System.getProperty("dashboard.screenshot.file", "dashboard.png"));
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.write(target, screenshot);
  }

  private static void requireBrowser() {
    List<String> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter(p -> !Files.isExecutable(p))
        .map(Path::toString).collect(Collectors.toList());
    if (missing.isEmpty()) {
      return;
    }
    String why = "the dashboard's browser test needs " + String.join(" and ", missing)
        + ": run scripts/browser-for-tests (installs Debian's chromium and chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true and " + why);
    }
    Assumptions.abort(why);
  }
}
