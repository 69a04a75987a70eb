package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StringIntTableTest {
  @Test
  void theFirstValueStays_andIsWhatARepeatGetsBack() {
    StringIntTable table = new StringIntTable(4);

    assertThat(table.putIfAbsent("001", 12)).isEqualTo(-1);
    assertThat(table.putIfAbsent("002", 0)).isEqualTo(-1);
    assertThat(table.putIfAbsent("001", 40)).isEqualTo(12);
    assertThat(table.putIfAbsent("002", 41)).isEqualTo(0);
    assertThat(table.get("001")).isEqualTo(12);
    assertThat(table.get("003")).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void aNegativeValue_isRefused() {
    StringIntTable table = new StringIntTable(4);

    assertThatThrownBy(() -> table.putIfAbsent("a", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(table.size()).isZero();
  }

  @Test
  void stringsWithTheSameHash_areDifferentKeys() {
    // "Aa" and "BB" have the same String.hashCode, so do all 2^10 strings of 10 such pairs: every
    // key starts its search at the same slot, and growing keeps them apart.
    List<String> colliding = new ArrayList<>(List.of(""));
    for (int i = 0; i < 10; i++) {
      List<String> longer = new ArrayList<>();
      for (String s : colliding) {
        longer.add(s + "Aa");
        longer.add(s + "BB");
      }
      colliding = longer;
    }
    assertThat(colliding.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
    StringIntTable table = new StringIntTable(2);

    for (int i = 0; i < colliding.size(); i++) {
      assertThat(table.putIfAbsent(colliding.get(i), i)).isEqualTo(-1);
    }

    for (int i = 0; i < colliding.size(); i++) {
      assertThat(table.get(colliding.get(i))).isEqualTo(i);
      assertThat(table.putIfAbsent(new String(colliding.get(i)), 0)).isEqualTo(i); // equal, not the same
    }
    assertThat(table.size()).isEqualTo(1024);
  }

  @Test
  void growsPastWhatWasExpected_keepingEveryValue() {
    StringIntTable table = new StringIntTable(1);

    for (int i = 0; i < 100_000; i++) {
      assertThat(table.putIfAbsent(String.format("%05d", i), i)).isEqualTo(-1);
    }

    for (int i = 0; i < 100_000; i++) {
      assertThat(table.get(String.format("%05d", i))).isEqualTo(i);
    }
    assertThat(table.get("100000")).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(100_000);
  }

  @Property(tries = 200)
  void behavesAsAMapThatKeepsTheFirstValue(
      @ForAll @Size(max = 300) List<@StringLength(max = 4) String> keys,
      @ForAll @IntRange(min = 0, max = 64) int expected) {
    StringIntTable table = new StringIntTable(expected);
    Map<String, Integer> model = new HashMap<>();

    for (int i = 0; i < keys.size(); i++) {
      Integer before = model.putIfAbsent(keys.get(i), i);
      assertThat(table.putIfAbsent(keys.get(i), i)).isEqualTo(before == null ? -1 : before);
    }

    assertThat(table.size()).isEqualTo(model.size());
    model.forEach((key, value) -> assertThat(table.get(key)).isEqualTo(value));
  }
}
