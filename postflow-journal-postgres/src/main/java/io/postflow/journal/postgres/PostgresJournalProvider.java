package io.postflow.journal.postgres;

import io.postflow.api.DeliveryJournal;
import io.postflow.pipeline.journal.DeliveryJournalProvider;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens {@code jdbc:postgresql:} journals for {@code POSTFLOW_JOURNAL_URL}; found by the pipeline
 * through {@link java.util.ServiceLoader}.
 */
public final class PostgresJournalProvider implements DeliveryJournalProvider {

  /** For {@link java.util.ServiceLoader}. */
  public PostgresJournalProvider() {}

  @Override
  public boolean accepts(String url) {
    return url.startsWith("jdbc:postgresql:");
  }

  @Override
  public DeliveryJournal open(String url, Optional<String> user, Optional<String> password, Clock clock) {
    PostgresDeliveryJournal.Builder builder = PostgresDeliveryJournal.builder().url(url).clock(clock);
    user.ifPresent(builder::user);
    password.ifPresent(builder::password);
    return builder.open();
  }
}
