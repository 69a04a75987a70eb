package io.postflow.dashboard;

import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.pipeline.PostFlow;
import io.postflow.pipeline.PostFlowBuilder;
import io.postflow.testkit.FrameioSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A sandbox, a small shot list (KRAK_00001..3 in two scenes) and a pipeline builder set for tests. */
final class TestPipeline implements AutoCloseable {
  static final String SHOT_LIST = "PLAN,VIGNETTE,SEQUENCE,TC IN,TC OUT,TC IN SOURCE,TC OUT SOURCE,DURÉE,"
      + "SOURCE NAME,Doublons,NOMENCLATURE PLAN,LUT,GRAPHISTE,COMMENTAIRE,GRAPH VALIDÉ PAR PROD,"
      + "VERIF TECHNIQUE,MISE À DISPO EN MONTAGE\n"
      + "001,,PHARE - NUIT,01:00:00:00,01:00:04:00,00:00:00:00,00:00:04:00,00:00:04:00,SRC_001.mov,,KRAK_00001,,,,FALSE,FALSE,FALSE\n"
      + "002,,PHARE - NUIT,01:00:04:00,01:00:08:00,00:00:00:00,00:00:04:00,00:00:04:00,SRC_002.mov,,KRAK_00002,,,,FALSE,FALSE,FALSE\n"
      + "003,,PORT - AUBE,01:00:08:00,01:00:12:00,00:00:00:00,00:00:04:00,00:00:04:00,SRC_003.mov,,KRAK_00003,,,,FALSE,FALSE,FALSE\n";

  final FrameioSandbox sandbox;
  final Path renders;
  final Path work;
  private final boolean ownsSandbox;

  /** On a sandbox of its own, closed with it. */
  TestPipeline(Path work) throws IOException {
    this(work, FrameioSandbox.builder().transcodeDelay(Duration.ZERO).start(), true);
  }

  /** On the caller's sandbox, left open. */
  TestPipeline(Path work, FrameioSandbox sandbox) throws IOException {
    this(work, sandbox, false);
  }

  private TestPipeline(Path work, FrameioSandbox sandbox, boolean ownsSandbox) throws IOException {
    this.sandbox = sandbox;
    this.ownsSandbox = ownsSandbox;
    this.work = work;
    this.renders = Files.createDirectories(work.resolve("renders"));
    Files.writeString(work.resolve("shots.csv"), SHOT_LIST, StandardCharsets.UTF_8);
  }

  PostFlowBuilder builder() {
    return PostFlow.builder()
        .frameioBaseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken()))
        .accountId(sandbox.accountId())
        .projectId(sandbox.projectId())
        .shotList(work.resolve("shots.csv"))
        .journalFile(work.resolve("journal.db"))
        .watch("renders", renders)
        .settleTime(Duration.ofMillis(200))
        .scanInterval(Duration.ofMillis(50))
        .idlePoll(Duration.ofMillis(20))
        .stackWait(Duration.ofMillis(20));
  }

  @Override
  public void close() {
    if (ownsSandbox) {
      sandbox.close();
    }
  }
}
