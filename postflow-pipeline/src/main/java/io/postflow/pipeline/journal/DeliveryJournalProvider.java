package io.postflow.pipeline.journal;

import io.postflow.api.DeliveryJournal;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens a journal named by a URL, for {@code POSTFLOW_JOURNAL_URL}: a journal module (such as
 * {@code postflow-journal-postgres} for {@code jdbc:postgresql:} URLs) provides one through
 * {@link java.util.ServiceLoader}, so the pipeline needs no journal module at compile time and a
 * studio adds the one it uses to its class path or module path.
 */
public interface DeliveryJournalProvider {

  /** Whether this provider opens journals at {@code url}, e.g. one starting {@code jdbc:postgresql:}. */
  boolean accepts(String url);

  /**
   * Opens the journal at {@code url}, creating or migrating its tables.
   *
   * @param user the database user, when not in the URL
   * @param password the password, when not in the URL; never logged or put in a message
   * @param clock the clock for lease expiry, retry times and timestamps
   * @throws io.postflow.api.JournalException when it cannot be opened; the message never holds the
   *     password
   */
  DeliveryJournal open(String url, Optional<String> user, Optional<String> password, Clock clock);
}
