package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RepeatsTest {
  /** Each repeat as "index<-first", sorted. */
  private static List<String> repeats(List<String> keys) {
    List<String> found = new ArrayList<>();
    Repeats.find(keys.size(), keys::get, (index, first) -> found.add(index + "<-" + first));
    found.sort(null);
    return found;
  }

  @Test
  void eachRepeatPointsAtTheFirstItemWithItsKey_andItemsWithoutAKeyAreLeftOut() {
    assertThat(repeats(Arrays.asList("001", "002", null, "001", null, "001", "002")))
        .containsExactly("3<-0", "5<-0", "6<-1");
  }

  @Test
  void keysWithTheSameHash_areToldApart() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

    assertThat(repeats(List.of("Aa", "BB", "BB", "Aa"))).containsExactly("2<-1", "3<-0");
  }

  @Test
  void aListWithOneKeyOnEveryRow_pointsEveryRowAtTheFirst() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      keys.add(new String("1")); // equal, never the same instance
    }
    int[] count = {0};

    Repeats.find(keys.size(), keys::get, (index, first) -> {
      assertThat(first).isZero();
      count[0]++;
    });

    assertThat(count[0]).isEqualTo(199_999);
  }

  @Property(tries = 300)
  void findsWhatAMapOfFirstIndexesFinds(@ForAll @Size(max = 200) List<@StringLength(max = 2) String> keys) {
    List<String> expected = new ArrayList<>();
    Map<String, Integer> firsts = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Integer first = firsts.putIfAbsent(keys.get(i), i);
      if (first != null) {
        expected.add(i + "<-" + first);
      }
    }
    expected.sort(null);

    assertThat(repeats(keys)).isEqualTo(expected);
  }
}
