package io.postflow.pipeline;

import io.postflow.api.Authenticator;
import io.postflow.api.ConfigurationException;
import io.postflow.frameio.FrameioClient;
import io.postflow.production.nomenclature.Nomenclature;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings {@link PostFlowBuilder#fromEnvironment} and {@link PostFlowBuilder#fromFile} read,
 * for tools that need some of them without a pipeline: the {@code postflow} command's
 * {@code upload}, {@code status} and {@code doctor} read the same keys, with the same precedence
 * (environment over file) and the same checks, as the agent they sit beside.
 *
 * <pre>{@code
 * Configuration config = Configuration.read(System.getenv(), Optional.of(Path.of("postflow.properties")));
 * Path journal = config.journalFile();
 * try (Authenticator auth = config.authenticator()) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe. Messages name the key and where it came from, never a secret's value.
 */
public final class Configuration {
  private final ConfigValues values;

  private Configuration(ConfigValues values) {
    this.values = values;
  }

  /**
   * Reads {@code file} (when given) and then the {@code environment}, which wins.
   *
   * @param environment the process environment, or a map standing in for it
   * @param file a {@code postflow.properties} file
   * @return the settings
   * @throws ConfigurationException when the file cannot be read or names an unknown key
   */
  public static Configuration read(Map<String, String> environment, Optional<Path> file) {
    return new Configuration(ConfigValues.read(environment, file));
  }

  /** Every key PostFlow reads, sorted. */
  public static Set<String> keys() {
    return new TreeSet<>(ConfigValues.KEYS);
  }

  /**
   * A setting's value.
   *
   * @param key one of {@link #keys()}
   * @return the value, blank counted as unset
   * @throws IllegalArgumentException when {@code key} is not a PostFlow key
   */
  public Optional<String> text(String key) {
    return values.text(key);
  }

  /**
   * Where a setting came from, for a message: {@code "FRAMEIO_PROJECT_ID (from the environment)"}.
   *
   * @param key one of {@link #keys()}
   * @return the key and its source, or empty when it is not set
   */
  public Optional<String> where(String key) {
    return values.get(key).map(ConfigValues.Value::where);
  }

  /**
   * A setting's value as a message may show it: quoted, or {@code (hidden)} for a secret.
   *
   * @param key one of {@link #keys()}
   * @return the shown value, or empty when it is not set
   */
  public Optional<String> shown(String key) {
    return values.get(key).map(ConfigValues.Value::shown);
  }

  /**
   * The Frame.io API base URI: {@code FRAMEIO_BASE_URL} or Frame.io's.
   *
   * @return the base URI
   * @throws ConfigurationException when the value is not an http(s) URL
   */
  public URI frameioBaseUri() {
    return values.get("FRAMEIO_BASE_URL").map(Settings::uri).orElse(FrameioClient.DEFAULT_BASE_URI);
  }

  /**
   * The authenticator the credentials ask for (a bearer token, a user login's token file, or a
   * server-to-server credential), created now; close it when done.
   *
   * @return a new authenticator
   * @throws ConfigurationException when no credentials are set, or they contradict each other
   */
  public Authenticator authenticator() {
    return Credentials.from(null, values).get();
  }

  /**
   * The embedded journal's file: {@code POSTFLOW_JOURNAL} or {@code ~/.postflow/journal.db}.
   *
   * @return the path, absolute
   */
  public Path journalFile() {
    return values.path("POSTFLOW_JOURNAL").orElseGet(Settings::defaultJournalFile).toAbsolutePath();
  }

  /**
   * How render names are read and where they go: {@code POSTFLOW_NAME_PATTERN},
   * {@code POSTFLOW_FOLDER_TEMPLATE} and {@code POSTFLOW_SHOT_TEMPLATE}, or the defaults.
   *
   * @return the nomenclature
   * @throws ConfigurationException naming the key whose pattern is wrong
   */
  public Nomenclature nomenclature() {
    return Settings.nomenclature(values);
  }

  /** Lists the keys that are set and their sources, never a value. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Configuration[");
    String separator = "";
    for (String key : keys()) {
      Optional<String> where = where(key);
      if (where.isPresent()) {
        text.append(separator).append(where.get());
        separator = ", ";
      }
    }
    return text.append(']').toString();
  }
}
