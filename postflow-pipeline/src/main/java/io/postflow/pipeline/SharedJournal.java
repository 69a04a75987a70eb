package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import io.postflow.api.DeliveryJournal;
import io.postflow.pipeline.journal.DeliveryJournalProvider;
import io.postflow.pipeline.journal.internal.JdbcUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A journal shared by several agents, named by {@code POSTFLOW_JOURNAL_URL} (or
 * {@link PostFlowBuilder#journalUrl}): which provider opens it, decided and checked at build time,
 * and the credentials, read at start. The password comes from {@code POSTFLOW_JOURNAL_PASSWORD} or
 * from the first line of {@code POSTFLOW_JOURNAL_PASSWORD_FILE}; it is never shown, and the URL is
 * shown without any password in it.
 */
final class SharedJournal {
  private final String url;
  private final Optional<String> user;
  private final Optional<String> password;
  private final Optional<Path> passwordFile;
  private final DeliveryJournalProvider provider;

  private SharedJournal(String url, Optional<String> user, Optional<String> password,
      Optional<Path> passwordFile, DeliveryJournalProvider provider) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.passwordFile = passwordFile;
    this.provider = provider;
  }

  /** The shared journal the code or the configuration names, if any. */
  static Optional<SharedJournal> from(String codeUrl, ConfigValues config) {
    Optional<ConfigValues.Value> configured = config.get("POSTFLOW_JOURNAL_URL");
    if (codeUrl == null && configured.isEmpty()) {
      return Optional.empty();
    }
    String url = codeUrl != null ? codeUrl : configured.get().text();
    String where = codeUrl != null ? "journalUrl" : configured.get().where();
    Optional<String> password = config.text("POSTFLOW_JOURNAL_PASSWORD");
    Optional<Path> file = config.path("POSTFLOW_JOURNAL_PASSWORD_FILE");
    if (password.isPresent() && file.isPresent()) {
      throw new ConfigurationException("both POSTFLOW_JOURNAL_PASSWORD and "
          + config.get("POSTFLOW_JOURNAL_PASSWORD_FILE").get().where() + " are set: keep one");
    }
    if (file.isPresent() && !Files.isReadable(file.get())) {
      throw new ConfigurationException(config.get("POSTFLOW_JOURNAL_PASSWORD_FILE").get().where()
          + " names no readable file: " + file.get().toAbsolutePath());
    }
    DeliveryJournalProvider provider = ServiceLoader.load(DeliveryJournalProvider.class,
            SharedJournal.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.accepts(url))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException(where + " is " + JdbcUrls.redact(url)
            + ", but no journal module for it is on the class path: add"
            + " io.postflow:postflow-journal-postgres for jdbc:postgresql: URLs"));
    return Optional.of(new SharedJournal(url, config.text("POSTFLOW_JOURNAL_USER"), password, file, provider));
  }

  /** Opens the journal (the caller owns and closes it). */
  DeliveryJournal open(Clock clock) {
    return provider.open(url, user, password.or(this::readPasswordFile), clock);
  }

  private Optional<String> readPasswordFile() {
    if (passwordFile.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(passwordFile.get(), StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      return Optional.of((end < 0 ? text : text.substring(0, end)).strip());
    } catch (IOException e) {
      throw new ConfigurationException("POSTFLOW_JOURNAL_PASSWORD_FILE " + passwordFile.get()
          + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {
    return JdbcUrls.redact(url);
  }
}
