package io.postflow.pipeline.journal.internal;

import java.util.regex.Pattern;

/**
 * JDBC URLs as they may be shown: a password inside the URL ({@code password=...} among its
 * parameters, or {@code user:password@} before the host) is replaced by {@code ***}. Every
 * message, log line and {@code toString()} that names a journal's database goes through here.
 * Not API: exported to PostFlow's journal modules only.
 */
public final class JdbcUrls {
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;]password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)[^/@?]*@");

  private JdbcUrls() {}

  /** {@code url} with any password in it replaced by {@code ***}. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String shown = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(shown).replaceAll("$1***@");
  }
}
