package io.postflow.production.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadThenRestTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsThePartOfTheHeadAsked_thenTheRest() throws IOException {
    InputStream in = new HeadThenRest(bytes("xxhead"), 2, 6, new ByteArrayInputStream(bytes("rest")));

    assertThat(in.readAllBytes()).isEqualTo(bytes("headrest"));
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void readsByteByByte_acrossTheJoin() throws IOException {
    InputStream in = new HeadThenRest(bytes("ab"), 0, 2, new ByteArrayInputStream(bytes("c")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    for (int b = in.read(); b >= 0; b = in.read()) {
      out.write(b);
    }

    assertThat(out.toByteArray()).isEqualTo(bytes("abc"));
  }

  @Test
  void aReadNeverSpansTheJoin_andNeverReturnsZeroForABuffer() throws IOException {
    InputStream in = new HeadThenRest(bytes("abc"), 0, 3, new ByteArrayInputStream(bytes("def")));
    byte[] buffer = new byte[10];

    assertThat(in.read(buffer, 0, 10)).isEqualTo(3);
    assertThat(in.read(buffer, 3, 7)).isEqualTo(3);
    assertThat(buffer).startsWith(bytes("abcdef"));
    assertThat(in.read(buffer, 0, 0)).isZero();
  }

  @Test
  void anEmptyHead_goesStraightToTheRest() throws IOException {
    InputStream in = new HeadThenRest(bytes("abc"), 3, 3, new ByteArrayInputStream(bytes("d")));

    assertThat(in.read()).isEqualTo('d');
    assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
  }

  @Test
  void closing_closesTheRest() throws IOException {
    boolean[] closed = {false};
    InputStream rest = new ByteArrayInputStream(new byte[0]) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    new HeadThenRest(bytes("a"), 0, 1, rest).close();

    assertThat(closed[0]).isTrue();
  }
}
