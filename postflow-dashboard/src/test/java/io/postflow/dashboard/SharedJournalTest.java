package io.postflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.FileIdentity;
import io.postflow.pipeline.PostFlow;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several agents on one journal: the dashboard shows each agent that holds work, and what. */
class SharedJournalTest {
  @TempDir
  Path work;

  @Test
  void agents_listEveryLeaseOwnerOfTheJournal_withWhatItHolds_alsoAnotherMachines() throws Exception {
    try (TestPipeline env = new TestPipeline(work);
        SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(work.resolve("shared.db"))) {
      // Another agent (another machine on the same journal) is uploading a render right now.
      journal.record(FileIdentity.of("renders", "SC01/KRAK_00002_v001.mov", 1234, Instant.parse("2026-03-01T09:00:00Z")),
          "/Volumes/fs/renders/SC01/KRAK_00002_v001.mov", DeliveryFacts.builder().shot("KRAK_00002").version(1).build());
      journal.claim("render-node-2", Duration.ofMinutes(5)).orElseThrow();

      try (PostFlow postflow = env.builder().journal(journal).agentId("render-node-1").build().start();
          Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
        URI url = dashboard.start();
        JsonNode agents = Json.MAPPER.readTree(Http.get(url.resolve("api/agents")).body());
        assertThat(agents).hasSize(1);
        assertThat(agents.get(0).path("agent").asText()).isEqualTo("render-node-2");
        assertThat(agents.get(0).path("holding").asInt()).isEqualTo(1);
        JsonNode held = agents.get(0).path("deliveries").get(0);
        assertThat(held.path("file").asText()).isEqualTo("SC01/KRAK_00002_v001.mov");
        assertThat(held.path("state").asText()).isEqualTo("in_progress");
        assertThat(held.path("shot").asText()).isEqualTo("KRAK_00002");
        assertThat(held.path("leaseExpiresAt").asText()).isNotEmpty();

        JsonNode summary = Json.MAPPER.readTree(Http.get(url.resolve("api/summary")).body());
        assertThat(summary.path("running").asBoolean()).isTrue();
        assertThat(summary.path("deliveries").path("in_progress").asInt()).isEqualTo(1);
      }
    }
  }
}
