package io.postflow.production.internal;

import io.postflow.api.ConfigurationException;
import java.nio.charset.Charset;

/** Charset settings of the readers' builders. Not exported. */
public final class Charsets {
  private Charsets() {}

  /**
   * The charset called {@code name}.
   *
   * @throws ConfigurationException naming {@code setting} and the value when the JDK does not know it
   */
  public static Charset named(String setting, String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) { // IllegalCharsetName, UnsupportedCharset, null
      throw new ConfigurationException("'" + setting + "' " + name + " is not a known charset", e);
    }
  }
}
