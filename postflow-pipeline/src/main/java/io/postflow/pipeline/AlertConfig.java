package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The alert rules the {@code POSTFLOW_ALERT*} keys describe (see {@code docs/notifications.md}). */
final class AlertConfig {
  private AlertConfig() {}

  /** Empty when {@code POSTFLOW_ALERTS} is off; the defaults with what the keys change otherwise. */
  static Optional<AlertRules> rules(ConfigValues config) {
    boolean on = config.get("POSTFLOW_ALERTS").map(v -> switch (v.text().strip().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new ConfigurationException(v.where() + " must be on or off, was " + v.shown());
    }).orElse(true);
    if (!on) {
      return Optional.empty();
    }
    AlertRules.Builder rules = AlertRules.builder();
    fraction(config, "POSTFLOW_ALERT_ERROR_RATE").ifPresent(rules::errorRate);
    config.duration("POSTFLOW_ALERT_API_LATENCY").ifPresent(rules::apiLatency);
    fraction(config, "POSTFLOW_ALERT_UPLOAD_FAILURE_RATE").ifPresent(rules::uploadFailureRate);
    fraction(config, "POSTFLOW_ALERT_CACHE_HIT_RATE").ifPresent(rules::cacheHitRate);
    config.integer("POSTFLOW_ALERT_HEAP_MB", 0, 1_000_000).ifPresent(mb -> rules.heapBytes(mb * 1024L * 1024));
    config.duration("POSTFLOW_ALERT_QUEUE_STALL").ifPresent(rules::queueStall);
    config.integer("POSTFLOW_ALERT_TUNNEL_RESTARTS", 0, 1000).ifPresent(rules::tunnelRestarts);
    config.duration("POSTFLOW_ALERT_WINDOW").ifPresent(rules::window);
    config.duration("POSTFLOW_ALERT_COOLDOWN").ifPresent(rules::cooldown);
    try {
      return Optional.of(rules.build());
    } catch (ConfigurationException e) {
      throw new ConfigurationException("POSTFLOW_ALERT_*: " + e.getMessage(), e);
    }
  }

  /** "5%" or "0.05". */
  private static Optional<Double> fraction(ConfigValues config, String key) {
    return config.get(key).map(v -> {
      String text = v.text().strip();
      try {
        double value = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
            : Double.parseDouble(text);
        if (value >= 0 && value <= 1) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigurationException(v.where() + " must be a percentage (5%) or a fraction (0.05), was " + v.shown());
    });
  }
}
