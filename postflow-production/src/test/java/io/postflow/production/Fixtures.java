package io.postflow.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The production-shaped sample files under {@code src/test/resources/fixtures}. */
public final class Fixtures {
  private Fixtures() {}

  /** The bytes of a fixture, exactly as stored (CRLF and legacy bytes included). */
  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
