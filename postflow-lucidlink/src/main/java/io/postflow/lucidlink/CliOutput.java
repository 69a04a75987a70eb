package io.postflow.lucidlink;

import io.postflow.api.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses what the LucidLink CLI prints. The format is meant for people, differs between
 * {@code lucid} and {@code lucid3} and between versions, so the parsing is tolerant: colour codes,
 * CRLF, banners, separator lines, extra or reordered columns are all accepted; only a table
 * whose header lacks the columns we need is an error.
 */
final class CliOutput {
  private static final Logger log = LoggerFactory.getLogger(CliOutput.class);
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private CliOutput() {}

  /** Lines without colour codes, carriage returns or trailing blanks. */
  static List<String> clean(String output) {
    return ANSI.matcher(output).replaceAll("").replace("\r", "").lines().map(String::stripTrailing).toList();
  }

  /**
   * Parses {@code lucid list}: a header with INSTANCE ID, FILESPACE, PORT and MODE columns, then
   * one row per instance. Output without a header (e.g. "No instances running") is no instances.
   *
   * @throws InvalidInputException when a header is there but misses a needed column
   */
  static List<LucidInstance> parseList(String output, String command) {
    List<String> lines = clean(output);
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      String upper = lines.get(i).toUpperCase(Locale.ROOT);
      if (upper.contains("INSTANCE") && upper.contains("FILESPACE")) {
        header = i;
        break;
      }
    }
    if (header < 0) {
      log.debug("'{}' printed no instance table: {}", command, lines);
      return List.of();
    }
    // "INSTANCE ID" is one column with a space in its name; glue it before splitting.
    String[] columns = SPACES.split(lines.get(header).strip().toUpperCase(Locale.ROOT)
        .replaceAll("INSTANCE[ _]ID", "INSTANCE_ID"));
    int idCol = indexOf(columns, "INSTANCE", command, header + 1);
    int fsCol = indexOf(columns, "FILESPACE", command, header + 1);
    int portCol = indexOfOptional(columns, "PORT");
    int modeCol = indexOfOptional(columns, "MODE");
    List<LucidInstance> instances = new ArrayList<>();
    for (int i = header + 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.chars().allMatch(c -> c == '-' || c == '=' || c == ' ' || c == '+')) {
        continue;
      }
      String[] cells = SPACES.split(line);
      if (cells.length <= Math.max(idCol, fsCol) || !NUMBER.matcher(cells[idCol]).matches()) {
        log.debug("'{}' line {} is not an instance row; skipped: {}", command, i + 1, line);
        continue;
      }
      int port = portCol >= 0 && portCol < cells.length && NUMBER.matcher(cells[portCol]).matches()
          ? Integer.parseInt(cells[portCol]) : 0;
      String mode = modeCol >= 0 && modeCol < cells.length ? cells[modeCol] : "";
      instances.add(LucidInstance.of(Integer.parseInt(cells[idCol]), cells[fsCol], port, mode));
    }
    return instances;
  }

  /**
   * Parses {@code lucid status}: {@code Key: value} lines, in order. Lines without a colon are
   * ignored; keys keep their printed spelling.
   */
  static Map<String, String> parseStatus(String output) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : clean(output)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (!key.isEmpty()) {
        fields.putIfAbsent(key, value);
      }
    }
    return fields;
  }

  /** The value of the first key that, without spaces and case, equals one of {@code names}. */
  static String field(Map<String, String> fields, String... names) {
    for (Map.Entry<String, String> e : fields.entrySet()) {
      String k = e.getKey().replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
      for (String n : names) {
        if (k.equals(n)) {
          return e.getValue();
        }
      }
    }
    return null;
  }

  private static int indexOf(String[] columns, String prefix, String command, int line) {
    int i = indexOfOptional(columns, prefix);
    if (i < 0) {
      throw new InvalidInputException(command, line, prefix,
          "instance table header has no " + prefix + " column: " + String.join(" ", columns));
    }
    return i;
  }

  private static int indexOfOptional(String[] columns, String prefix) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
