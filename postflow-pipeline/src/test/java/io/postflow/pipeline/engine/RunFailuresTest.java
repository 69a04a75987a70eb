package io.postflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.LocalFileException;
import io.postflow.api.PostFlowException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunFailuresTest {
  @Test
  void isRetryable_aLocalFileThatCannotBeWritten_mayPass() {
    // The shot list's status file on a full disk: once space is freed, the next attempt writes it.
    LocalFileException full = new LocalFileException("cannot write the shot list status file",
        Path.of("/prod/shots.csv.postflow-status.json"), new IOException("No space left on device"));

    assertThat(RunFailures.isRetryable(full)).isTrue();
  }

  @Test
  void isRetryable_otherPostFlowExceptions_askTheException() {
    assertThat(RunFailures.isRetryable(new PostFlowException("a bug"))).isFalse();
  }
}
