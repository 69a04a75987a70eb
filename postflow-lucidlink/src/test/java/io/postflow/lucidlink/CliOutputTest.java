package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of recorded CLI outputs, without running anything. */
class CliOutputTest {
  @Test
  void parseList_classicTable() {
    assertThat(CliOutput.parseList(FakeLucid.resource("list-classic.txt"), "lucid list")).containsExactly(
        LucidInstance.of(2001, "production.studio", 9780, "live"),
        LucidInstance.of(2002, "archive.studio", 9781, "live"));
  }

  @Test
  void parseList_withColourCodesCrlfAndSeparatorLine() {
    assertThat(CliOutput.parseList(FakeLucid.resource("list-lucid3-colour-crlf.txt"), "lucid3 list"))
        .containsExactly(LucidInstance.of(1, "renders.acme-post", 7778, "live"));
  }

  @Test
  void parseList_withBannerAndReorderedColumns() {
    assertThat(CliOutput.parseList(FakeLucid.resource("list-reordered.txt"), "lucid3 list"))
        .containsExactly(LucidInstance.of(2001, "production.studio", 9780, "live"));
  }

  @Test
  void parseList_whenNoInstances_isEmpty() {
    assertThat(CliOutput.parseList(FakeLucid.resource("list-none.txt"), "lucid list")).isEmpty();
    assertThat(CliOutput.parseList("", "lucid list")).isEmpty();
  }

  @Test
  void parseList_whenPortMissing_isZeroAndRowsThatAreNotInstancesAreSkipped() {
    String out = "INSTANCE ID FILESPACE\n2001 prod.studio\nwarning: cache almost full\n";
    assertThat(CliOutput.parseList(out, "lucid list"))
        .containsExactly(LucidInstance.of(2001, "prod.studio", 0, ""));
  }

  @Test
  void parseStatus_keepsKeysInOrder_andFieldIgnoresSpacingAndCase() {
    Map<String, String> status = CliOutput.parseStatus(
        FakeLucid.resource("status-mounted.txt").replace("@MOUNT@", "/media/studio/production"));
    assertThat(status).containsEntry("Client state", "Linked").containsEntry("Cache size", "50.00 GiB");
    assertThat(status.keySet()).first().isEqualTo("Client state");
    assertThat(CliOutput.field(status, "mountpoint")).isEqualTo("/media/studio/production");
    assertThat(CliOutput.field(status, "nothing")).isNull();
  }
}
