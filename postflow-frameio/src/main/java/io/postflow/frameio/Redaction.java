package io.postflow.frameio;

import java.net.URI;

/**
 * Keeps secrets out of logs and messages: presigned URLs carry their signature in the query
 * string, so a URL is only ever shown without it, and Authorization header values never at all.
 */
final class Redaction {
  static final String MASK = "****";

  private Redaction() {}

  /** {@code https://host/path?X-Amz-Signature=...} becomes {@code https://host/path?****}. */
  static String withoutQuery(String url) {
    if (url == null) {
      return "null";
    }
    int cut = indexOfAny(url, '?', '#');
    return cut < 0 ? url : url.substring(0, cut) + (url.charAt(cut) == '?' ? "?" + MASK : "");
  }

  static String withoutQuery(URI uri) {
    return withoutQuery(uri.toString());
  }

  /** The value to print for a header: Authorization and cookies are masked, others shown. */
  static String headerValue(String name, String value) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("authorization") || lower.contains("cookie") || lower.contains("token")
        || lower.contains("secret") || lower.contains("signature")) {
      return MASK;
    }
    return value;
  }

  private static int indexOfAny(String text, char a, char b) {
    int ia = text.indexOf(a);
    int ib = text.indexOf(b);
    if (ia < 0) {
      return ib;
    }
    return ib < 0 ? ia : Math.min(ia, ib);
  }
}
