package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import io.postflow.production.nomenclature.Nomenclature;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The checks and defaults {@link PostFlowBuilder#build()} applies, each naming the setting. */
final class Settings {
  private Settings() {}

  /** The value set in code, else the configured one. Blank counts as unset. */
  static Optional<String> first(String fromCode, Optional<String> configured) {
    return fromCode != null && !fromCode.isBlank() ? Optional.of(fromCode.strip()) : configured;
  }

  static URI uri(ConfigValues.Value v) {
    try {
      URI uri = new URI(v.text());
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new ConfigurationException(v.where() + " must be an http(s) URL with a host, was " + v.shown());
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigurationException(v.where() + " is not a URL: " + v.shown(), e);
    }
  }

  static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigurationException("'" + name + "' must be from " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  static Duration positive(String name, Duration value) {
    return atLeast(name, value, Duration.ofNanos(1));
  }

  static Duration atLeast(String name, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0) {
      throw new ConfigurationException("'" + name + "' must be at least " + min + ", was " + value);
    }
    return value;
  }

  /**
   * The folders to watch by label, as real paths: those given in code, else the configured
   * {@code POSTFLOW_WATCH_FOLDER} (absolute, or relative to {@code LUCIDLINK_MOUNT_PATH}) or the
   * whole {@code LUCIDLINK_MOUNT_PATH}, labelled {@code POSTFLOW_WATCH_LABEL} (default
   * {@code filespace}). Watching nothing is allowed: files can still be submitted.
   */
  static Map<String, Path> watchedRoots(Map<String, Path> fromCode, ConfigValues config) {
    Map<String, Path> roots = new LinkedHashMap<>();
    fromCode.forEach((label, folder) -> roots.put(label, PostFlowBuilder.realDirectory("watch '" + label + "'", folder)));
    if (!roots.isEmpty()) {
      return roots;
    }
    Optional<Path> mount = config.path("LUCIDLINK_MOUNT_PATH");
    Optional<Path> folder = config.path("POSTFLOW_WATCH_FOLDER");
    if (mount.isEmpty() && folder.isEmpty()) {
      return roots;
    }
    Path watched = folder.map(f -> mount.isPresent() && !f.isAbsolute() ? mount.get().resolve(f) : f)
        .orElseGet(mount::get);
    String where = folder.isPresent() ? config.get("POSTFLOW_WATCH_FOLDER").get().where()
        : config.get("LUCIDLINK_MOUNT_PATH").get().where();
    String label = config.text("POSTFLOW_WATCH_LABEL").orElse("filespace");
    roots.put(label, PostFlowBuilder.realDirectory(where, watched));
    return roots;
  }

  static Nomenclature nomenclature(ConfigValues config) {
    String pattern = config.text("POSTFLOW_NAME_PATTERN").orElse(PostFlowBuilder.DEFAULT_NAME_PATTERN);
    String folder = config.text("POSTFLOW_FOLDER_TEMPLATE").orElse(PostFlowBuilder.DEFAULT_FOLDER_TEMPLATE);
    String shot = config.text("POSTFLOW_SHOT_TEMPLATE").orElse(PostFlowBuilder.DEFAULT_SHOT_TEMPLATE);
    try {
      return PostFlowBuilder.defaultNomenclature(pattern, folder, shot);
    } catch (ConfigurationException | IllegalArgumentException e) {
      String keys = config.get("POSTFLOW_NAME_PATTERN").or(() -> config.get("POSTFLOW_FOLDER_TEMPLATE"))
          .or(() -> config.get("POSTFLOW_SHOT_TEMPLATE")).map(ConfigValues.Value::where).orElse("the default nomenclature");
      throw new ConfigurationException(keys + ": " + e.getMessage(), e);
    }
  }

  /** {@code ~/.postflow/journal.db}: the embedded journal when none is configured. */
  static Path defaultJournalFile() {
    return Path.of(System.getProperty("user.home"), ".postflow", "journal.db");
  }

  /** Host name and process id: unique per running agent, readable in the journal. */
  static String defaultAgentId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = System.getenv("COMPUTERNAME");
    }
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "agent";
      }
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
