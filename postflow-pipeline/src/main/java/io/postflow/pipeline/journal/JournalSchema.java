package io.postflow.pipeline.journal;

import java.util.List;

/**
 * The journal's tables and their forward migrations: {@code MIGRATIONS.get(n - 1)} takes a journal
 * from schema {@code n - 1} to schema {@code n}. A migration is never edited once released; a
 * change is a new entry at the end.
 *
 * <p>The DDL keeps to types and constraints PostgreSQL reads the same way (TEXT, BIGINT, INTEGER,
 * CHECK, UNIQUE), so the shared journal can use this schema; only the key column differs there
 * ({@code INTEGER PRIMARY KEY AUTOINCREMENT} is SQLite's spelling of an identity column that never
 * reuses an id, which keeps "lowest id" meaning "recorded first" for good).
 */
final class JournalSchema {
  private JournalSchema() {}

  /** Holds one row per applied migration; the journal's schema is the highest version in it. */
  static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
      + " version INTEGER NOT NULL PRIMARY KEY,"
      + " applied_at BIGINT NOT NULL)";

  static final String CURRENT_VERSION = "SELECT MAX(version) FROM schema_version";

  static final String INSERT_VERSION = "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)";

  /**
   * Schema 1. Times are epoch milliseconds (UTC) in BIGINT columns: comparable in SQL on both
   * databases and free of time-zone and text-format questions. One column per
   * {@link io.postflow.api.DeliveryFacts} fact, so facts can be queried (by shot) and merged
   * column by column. The (state, not_before) index serves {@code claim} and {@code nextDue};
   * (shot, state) serves per-shot ordering; the UNIQUE constraint's index, led by
   * (root, relative_path), serves finding and superseding the versions of one path, so a
   * separate path index would only slow down writes.
   */
  private static final List<String> V1 = List.of(
      "CREATE TABLE deliveries ("
          + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " root TEXT NOT NULL,"
          + " relative_path TEXT NOT NULL,"
          + " size_bytes BIGINT NOT NULL,"
          + " modified_millis BIGINT NOT NULL,"
          + " local_path TEXT NOT NULL,"
          + " state TEXT NOT NULL CHECK (state IN ('PENDING', 'IN_PROGRESS', 'DELIVERED',"
          + " 'QUARANTINED', 'FAILED', 'SUPERSEDED')),"
          + " attempts INTEGER NOT NULL DEFAULT 0,"
          + " not_before BIGINT,"
          + " reason TEXT,"
          + " owner TEXT,"
          + " lease_expires BIGINT,"
          + " fence BIGINT NOT NULL DEFAULT 0,"
          + " recorded_at BIGINT NOT NULL,"
          + " updated_at BIGINT NOT NULL,"
          + " shot TEXT,"
          + " version INTEGER,"
          + " folder_path TEXT,"
          + " folder_id TEXT,"
          + " upload_started_at BIGINT,"
          + " placeholder_file_id TEXT,"
          + " file_id TEXT,"
          + " sha256 TEXT,"
          + " stacked_at BIGINT,"
          + " version_stack_id TEXT,"
          + " status_written_at BIGINT,"
          + " notified_at BIGINT,"
          + " upload_checkpoint TEXT,"
          + " UNIQUE (root, relative_path, size_bytes, modified_millis))",
      "CREATE INDEX deliveries_claim ON deliveries (state, not_before)",
      "CREATE INDEX deliveries_shot ON deliveries (shot, state)");

  /** The schema this code writes and understands is {@code MIGRATIONS.size()}. */
  static final List<List<String>> MIGRATIONS = List.of(V1);
}
