package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import io.postflow.pipeline.journal.internal.JdbcUrls;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings read from the environment and from a {@code postflow.properties} file, each remembering
 * where it came from, so that a bad value is reported as "MAX_CONCURRENT_UPLOADS in
 * /etc/postflow.properties must be ..." and never with a secret's value. The environment wins over
 * the file; settings made in code win over both (the builder only asks for what it lacks).
 */
final class ConfigValues {
  /** Every key PostFlow reads; a file naming another one is refused (a typo would be silent). */
  static final Set<String> KEYS = Set.of(
      "FRAMEIO_BASE_URL", "FRAMEIO_IMS_URL", "FRAMEIO_TOKEN", "FRAMEIO_CLIENT_ID",
      "FRAMEIO_CLIENT_SECRET", "FRAMEIO_TOKEN_FILE", "FRAMEIO_ACCOUNT_ID", "FRAMEIO_WORKSPACE_ID",
      "FRAMEIO_PROJECT_ID", "FRAMEIO_ROOT_FOLDER_ID",
      "LUCIDLINK_MOUNT_PATH", "POSTFLOW_WATCH_FOLDER", "POSTFLOW_WATCH_LABEL",
      "POSTFLOW_SHOT_LIST", "POSTFLOW_SHOT_LIST_FPS", "POSTFLOW_WORKFLOW",
      "POSTFLOW_NAME_PATTERN", "POSTFLOW_FOLDER_TEMPLATE", "POSTFLOW_SHOT_TEMPLATE",
      "POSTFLOW_JOURNAL", "POSTFLOW_AGENT_ID", "MAX_CONCURRENT_UPLOADS", "POSTFLOW_SETTLE_TIME",
      "POSTFLOW_SCAN_INTERVAL", "POSTFLOW_MAX_ATTEMPTS", "POSTFLOW_LEASE",
      "POSTFLOW_DISCORD_WEBHOOK_URL", "POSTFLOW_DISCORD_KINDS", "POSTFLOW_WEBHOOK_URL",
      "POSTFLOW_WEBHOOK_FORMAT", "POSTFLOW_WEBHOOK_KINDS", "POSTFLOW_LOG_KINDS", "POSTFLOW_NOTIFY_WINDOW",
      "POSTFLOW_NOTIFY_QUEUE", "POSTFLOW_FRAMEIO_WEB_URL",
      "POSTFLOW_ALERTS", "POSTFLOW_ALERT_ERROR_RATE", "POSTFLOW_ALERT_API_LATENCY",
      "POSTFLOW_ALERT_UPLOAD_FAILURE_RATE", "POSTFLOW_ALERT_CACHE_HIT_RATE", "POSTFLOW_ALERT_HEAP_MB",
      "POSTFLOW_ALERT_QUEUE_STALL", "POSTFLOW_ALERT_TUNNEL_RESTARTS", "POSTFLOW_ALERT_WINDOW",
      "POSTFLOW_ALERT_COOLDOWN",
      "POSTFLOW_JOURNAL_URL", "POSTFLOW_JOURNAL_USER", "POSTFLOW_JOURNAL_PASSWORD",
      "POSTFLOW_JOURNAL_PASSWORD_FILE");
  // Webhook URLs carry their credential in the path.
  private static final Set<String> SECRETS = Set.of("FRAMEIO_TOKEN", "FRAMEIO_CLIENT_SECRET",
      "POSTFLOW_DISCORD_WEBHOOK_URL", "POSTFLOW_WEBHOOK_URL", "POSTFLOW_JOURNAL_PASSWORD");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  /** One setting and where it came from, e.g. "the environment" or "postflow.properties". */
  record Value(String key, String text, String source) {
    String where() {
      return key + " (from " + source + ")";
    }

    /** The value for a message: never a secret's. */
    String shown() {
      if (SECRETS.contains(key)) {
        return "(hidden)";
      }
      // A JDBC URL may carry a password
      return "'" + (key.equals("POSTFLOW_JOURNAL_URL") ? JdbcUrls.redact(text) : text) + "'";
    }
  }

  private final Map<String, Value> values;

  private ConfigValues(Map<String, Value> values) {
    this.values = values;
  }

  static ConfigValues none() {
    return new ConfigValues(Map.of());
  }

  /** The file's settings (if any) overridden by the environment's; blank values count as unset. */
  static ConfigValues read(Map<String, String> environment, Optional<Path> file) {
    Map<String, Value> merged = new LinkedHashMap<>();
    file.ifPresent(f -> readFile(f).forEach(merged::put));
    for (String key : KEYS) {
      String text = environment.get(key);
      if (text != null && !text.isBlank()) {
        merged.put(key, new Value(key, text.strip(), "the environment"));
      }
    }
    return new ConfigValues(merged);
  }

  private static Map<String, Value> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("configuration file " + file + " is not a properties file: "
          + e.getMessage(), e);
    }
    Map<String, Value> read = new LinkedHashMap<>();
    Set<String> unknown = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        unknown.add(key);
        continue;
      }
      String text = properties.getProperty(key);
      if (!text.isBlank()) {
        read.put(key, new Value(key, text.strip(), file.toString()));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigurationException("configuration file " + file + " has unknown key(s) " + unknown
          + "; known keys are " + new TreeSet<>(KEYS));
    }
    return read;
  }

  Optional<Value> get(String key) {
    if (!KEYS.contains(key)) {
      throw new IllegalArgumentException("not a configuration key: " + key);
    }
    return Optional.ofNullable(values.get(key));
  }

  Optional<String> text(String key) {
    return get(key).map(Value::text);
  }

  Optional<Integer> integer(String key, int min, int max) {
    return get(key).map(v -> {
      try {
        int n = Integer.parseInt(v.text());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigurationException(v.where() + " must be a whole number from " + min + " to "
          + max + ", was " + v.shown());
    });
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, or ISO-8601 such as {@code PT10S}. */
  Optional<Duration> duration(String key) {
    return get(key).map(v -> parseDuration(v).orElseThrow(() -> new ConfigurationException(
        v.where() + " must be a duration such as 500ms, 10s, 5m, 2h or PT10S, was " + v.shown())));
  }

  Optional<Path> path(String key) {
    return get(key).map(v -> {
      try {
        return Path.of(v.text());
      } catch (RuntimeException e) {
        throw new ConfigurationException(v.where() + " is not a valid path: " + v.shown(), e);
      }
    });
  }

  private static Optional<Duration> parseDuration(Value v) {
    String text = v.text().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": return Optional.of(Duration.ofMillis(n));
        case "s": return Optional.of(Duration.ofSeconds(n));
        case "m": return Optional.of(Duration.ofMinutes(n));
        default: return Optional.of(Duration.ofHours(n));
      }
    }
    try {
      return Optional.of(Duration.parse(v.text()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
