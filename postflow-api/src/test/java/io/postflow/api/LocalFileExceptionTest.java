package io.postflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalFileExceptionTest {
  private final Path file = Path.of("/x/y/tokens.json");

  @Test
  void message_namesWhatWasDoneThePathAndTheReason() {
    FileSystemException full = new FileSystemException(file.toString(), null,
        "No space left on device");
    LocalFileException e = new LocalFileException("cannot write the token file", file, full);

    assertThat(e).hasMessage("cannot write the token file /x/y/tokens.json: No space left on device");
    assertThat(e.path()).isEqualTo(file);
    assertThat(e.getCause()).isSameAs(full);
    assertThat(e).isInstanceOf(PostFlowException.class);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void message_saysWhatTheExceptionTypeMeans_insteadOfRepeatingThePath() {
    assertThat(new LocalFileException("cannot read journal", file,
        new NoSuchFileException(file.toString())))
        .hasMessage("cannot read journal /x/y/tokens.json: no such file or directory");
    assertThat(new LocalFileException("cannot write journal", file,
        new AccessDeniedException("/x/y/.tokens.json.1.tmp")))
        .hasMessage("cannot write journal /x/y/tokens.json: permission denied (/x/y/.tokens.json.1.tmp)");
    assertThat(new LocalFileException("cannot read render", file, new IOException("Input/output error")))
        .hasMessage("cannot read render /x/y/tokens.json: Input/output error");
  }
}
