package io.postflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShotColumnsTest {
  private static final List<String> HEADERS = List.of("PLAN", "TC IN", "COMMENTAIRE");

  @Test
  void of_isAMapInHeaderOrder_missingCellsEmpty_equalToAnyMapWithTheSameEntries() {
    ShotColumns row = ShotColumns.of(HEADERS, List.of("001", "01:00:00:00"));
    assertThat(row).containsExactly(Map.entry("PLAN", "001"), Map.entry("TC IN", "01:00:00:00"),
        Map.entry("COMMENTAIRE", ""));
    assertThat(row.get("TC IN")).isEqualTo("01:00:00:00");
    assertThat(row.get("NOPE")).isNull();
    assertThat(row.getOrDefault("NOPE", "x")).isEqualTo("x");
    Map<String, String> same = new LinkedHashMap<>();
    same.put("PLAN", "001");
    same.put("TC IN", "01:00:00:00");
    same.put("COMMENTAIRE", "");
    assertThat(row).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(ShotColumns.copyOf(same)).isEqualTo(row);
  }

  @Test
  void isImmutable_andRejectsMoreCellsThanHeaders() {
    ShotColumns row = ShotColumns.of(HEADERS, List.of("001"));
    assertThatThrownBy(() -> row.put("PLAN", "002")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> row.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ShotColumns.of(List.of("A"), List.of("1", "2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("2 cells for 1 headers");
  }

  @Test
  void shotBuilder_acceptsAnyMap_andDefaultsToNoColumns() {
    Scene scene = Scene.builder().number(1).name("A").rawName("A").slug("A").build();
    Shot shot = Shot.builder().number("001").scene(scene).status(ShotStatus.PENDING).line(2)
        .duplicateMarked(false).columns(Map.of("PLAN", "001")).build();
    assertThat(shot.columns()).containsExactly(Map.entry("PLAN", "001"));
    Shot bare = Shot.builder().number("002").scene(scene).status(ShotStatus.PENDING).line(3)
        .duplicateMarked(false).build();
    assertThat(bare.columns()).isEmpty();
  }
}
