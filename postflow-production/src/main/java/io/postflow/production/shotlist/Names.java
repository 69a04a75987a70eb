package io.postflow.production.shotlist;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How shot-list values are normalised for matching. The raw value is always kept beside the
 * normalised one; these rules only decide what counts as "the same".
 */
final class Names {
  /** Media extensions that text gets glued after in spreadsheets. */
  private static final Pattern GLUED = Pattern.compile(
      "^(.*\\.(?i:mov|mp4|mxf|crm|braw|r3d|ari|mts|m4v|avi|mkv|wav|dng|exr|dpx|tiff?|jpe?g|png))"
          // Text glued after the extension starts with a capital, a space or punctuation: ".movie"
          // or ".mp4a" are not cut.
          + "((?![a-z0-9]).+)$");
  // \s does not match the no-break spaces Word, the web and French typing put in cells.
  private static final String SPACES = "\\s\u00A0\u2007\u202F";
  private static final Pattern DASHES_AND_SPACES =
      Pattern.compile("[" + SPACES + "\\-\u2010-\u2015_]+");
  private static final Pattern RUNS_OF_SPACES = Pattern.compile("[" + SPACES + "]+");
  private static final Pattern NOT_SLUG = Pattern.compile("[^A-Za-z0-9]+");
  private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,5}$");

  private Names() {}

  /** {@code PORT - AUBE} and {@code port aube} give {@code PORT AUBE}; accents are kept. */
  static String sceneName(String raw) {
    String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
    return DASHES_AND_SPACES.matcher(strip(nfc)).replaceAll(" ").strip().toUpperCase(Locale.ROOT);
  }

  /** The key scenes are matched on: {@link #sceneName} without accents. */
  static String sceneKey(String raw) {
    return stripAccents(sceneName(raw));
  }

  /** A folder-safe form: {@code CABANE INT - JOUR} gives {@code CABANE_INT_JOUR}. */
  static String slug(String raw) {
    String s = NOT_SLUG.matcher(stripAccents(raw).toUpperCase(Locale.ROOT)).replaceAll("_");
    s = s.replaceAll("^_+|_+$", "");
    return s.isEmpty() ? "SCENE" : s;
  }

  /** The source name with text glued after its extension removed, stripped. */
  static String sourceName(String raw) {
    String s = strip(raw);
    int dot = s.indexOf('.');
    // GLUED needs a dot, an extension of three letters or more and text after it: the usual
    // "A001C003_KRAK.mov" cannot match, and the expression was a tenth of reading a row.
    if (dot < 0 || dot == s.lastIndexOf('.') && s.length() - dot - 1 <= 3) {
      return s;
    }
    Matcher m = GLUED.matcher(s);
    return m.matches() ? m.group(1) : s;
  }

  /** The key a clip is matched on across the edit and the list: no extension, no case. */
  static String clipKey(String name) {
    return EXTENSION.matcher(sourceName(name)).replaceAll("").toUpperCase(Locale.ROOT);
  }

  /** The key nomenclatures are looked up by: {@code undlm-00042 } finds {@code UNDLM_00042}. */
  static String nomenclatureKey(String raw) {
    String s = strip(raw);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c) || c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '_' && i + 1 < s.length()
          && s.charAt(i + 1) == '_') {
        return DASHES_AND_SPACES.matcher(s).replaceAll("_").toUpperCase(Locale.ROOT);
      }
    }
    return s.toUpperCase(Locale.ROOT); // the usual KRAK_00042: nothing to replace
  }

  /**
   * {@code s} without surrounding white space, no-break spaces included. By hand rather than with
   * a regular expression: it runs on most cells of every row, and the expression was the reader's
   * largest cost.
   */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** What {@link #SPACES} matches: {@code \s} and the no-break spaces. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0' || c == '\u2007' || c == '\u202F';
  }

  /** {@code s} with every run of white space, no-break spaces included, as one space, stripped. */
  static String spaces(String s) {
    return RUNS_OF_SPACES.matcher(strip(s)).replaceAll(" ");
  }

  static String stripAccents(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }
}
