package io.postflow.frameio.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.frameio.auth.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {
  @Test
  void logsTheFirstFewPerInterval_thenOneSummaryWithTheCount_andCountsEveryOne() {
    AtomicLong nanos = new AtomicLong();
    List<String> warnings;
    RefusalLog refusals;
    try (LogCapture capture = LogCapture.atTrace(RefusalLogTest.class)) {
      refusals = new RefusalLog(LoggerFactory.getLogger(RefusalLogTest.class), 3,
          Duration.ofSeconds(10), nanos::get);
      for (int i = 0; i < 50; i++) {
        refusals.refused("/10.0.0." + i + ":1234", "POST 401: forged");
      }
      nanos.addAndGet(Duration.ofSeconds(10).toNanos());
      refusals.refused("/10.0.0.99:1234", "GET 405: only POST is accepted");
      refusals.flush(); // nothing left over: the new interval has logged its only refusal
      warnings = capture.text().lines().filter(line -> line.contains("WARN")).toList();
    }

    assertThat(refusals.total()).isEqualTo(51);
    assertThat(warnings).hasSize(5);
    assertThat(warnings.get(0)).endsWith("Refused a request from /10.0.0.0:1234: POST 401: forged");
    assertThat(warnings.get(2)).endsWith("Refused a request from /10.0.0.2:1234: POST 401: forged"
        + " (further refusals in the next 10000 ms are counted, not logged one by one)");
    assertThat(warnings.get(3))
        .endsWith("Refused 47 more requests without logging each (50 refused since start)");
    assertThat(warnings.get(4)).contains("/10.0.0.99:1234: GET 405");
  }

  @Test
  void flush_writesTheSummaryOfTheIntervalSoFar_once() {
    AtomicLong nanos = new AtomicLong();
    List<String> warnings;
    try (LogCapture capture = LogCapture.atTrace(RefusalLogTest.class)) {
      RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger(RefusalLogTest.class), 1,
          Duration.ofMinutes(1), nanos::get);
      refusals.refused("a", "x");
      refusals.refused("b", "x");
      refusals.refused("c", "x");
      refusals.flush();
      refusals.flush();
      warnings = capture.text().lines().filter(line -> line.contains("WARN")).toList();
    }
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("(further refusals in the next 1 min are counted");
    assertThat(warnings.get(1)).endsWith("Refused 2 more requests without logging each (3 refused since start)");
  }
}
