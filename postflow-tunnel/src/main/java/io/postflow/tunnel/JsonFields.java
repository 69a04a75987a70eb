package io.postflow.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads string fields out of the small JSON documents tunnel agents answer with
 * ({@code {"hostname":"x.trycloudflare.com"}}, ngrok's endpoint lists, log records). Deliberately
 * tiny, to keep this module free of a JSON library: it finds {@code "name":"value"} pairs anywhere
 * in the text and undoes the common escapes.
 */
final class JsonFields {
  private JsonFields() {}

  /** Every value of the string field {@code name}, in document order. */
  static List<String> strings(String json, String name) {
    Pattern p = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    Matcher m = p.matcher(json);
    List<String> values = new ArrayList<>();
    while (m.find()) {
      values.add(m.group(1).replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return values;
  }

  static String first(String json, String name) {
    List<String> values = strings(json, name);
    return values.isEmpty() ? null : values.get(0);
  }
}
