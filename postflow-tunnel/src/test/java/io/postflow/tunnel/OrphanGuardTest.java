package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanGuardTest {
  @TempDir Path dir;

  @Test
  void tunnelProcess_doesNotOutliveAJvmThatExitsWithoutClosingIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OrphanCheckMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("OPEN");
    List<Long> pids = new FakeAgents(dir).pids();
    assertThat(pids).hasSize(1);
    assertThat(FakeAgents.eventually(Duration.ofSeconds(5), () -> !FakeAgents.alive(pids.get(0)))).isTrue();
  }
}
