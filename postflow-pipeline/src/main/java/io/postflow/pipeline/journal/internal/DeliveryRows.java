package io.postflow.pipeline.journal.internal;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Between rows of {@code deliveries} (selected as {@link JournalSql#COLUMNS}) and the API's values,
 * and the few query helpers that return them.
 * Instants are stored as epoch milliseconds, so they come back truncated to the millisecond.
 */
public final class DeliveryRows {
  private DeliveryRows() {}

  public static Delivery delivery(ResultSet row) throws SQLException {
    FileIdentity file = FileIdentity.of(row.getString("root"), row.getString("relative_path"),
        row.getLong("size_bytes"), Instant.ofEpochMilli(row.getLong("modified_millis")));
    return Delivery.builder()
        .id(row.getLong("id"))
        .file(file)
        .localPath(row.getString("local_path"))
        .state(DeliveryState.valueOf(row.getString("state")))
        .attempts(row.getInt("attempts"))
        .notBefore(instant(row, "not_before"))
        .reason(Optional.ofNullable(row.getString("reason")))
        .owner(Optional.ofNullable(row.getString("owner")))
        .leaseExpiresAt(instant(row, "lease_expires"))
        .recordedAt(Instant.ofEpochMilli(row.getLong("recorded_at")))
        .updatedAt(Instant.ofEpochMilli(row.getLong("updated_at")))
        .facts(facts(row))
        .build();
  }

  public static Optional<Delivery> findByIdentity(Connection c, FileIdentity identity) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(JournalSql.FIND_BY_IDENTITY)) {
      bindIdentity(query, 1, identity);
      return first(query);
    }
  }

  public static Optional<Delivery> first(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      return rows.next() ? Optional.of(delivery(rows)) : Optional.empty();
    }
  }

  public static List<Delivery> all(PreparedStatement query) throws SQLException {
    List<Delivery> deliveries = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        deliveries.add(delivery(rows));
      }
    }
    return List.copyOf(deliveries);
  }

  /**
   * Binds state names from parameter {@code first} on, for {@code state IN (?, ...)}.
   *
   * @return the next parameter index
   */
  public static int bindStates(PreparedStatement query, int first, Set<DeliveryState> states)
      throws SQLException {
    int i = first;
    for (DeliveryState state : states) {
      query.setString(i++, state.name());
    }
    return i;
  }

  private static DeliveryFacts facts(ResultSet row) throws SQLException {
    return DeliveryFacts.builder()
        .shot(Optional.ofNullable(row.getString("shot")))
        .version(integer(row, "version"))
        .folderPath(Optional.ofNullable(row.getString("folder_path")))
        .folderId(Optional.ofNullable(row.getString("folder_id")))
        .uploadStartedAt(instant(row, "upload_started_at"))
        .placeholderFileId(Optional.ofNullable(row.getString("placeholder_file_id")))
        .fileId(Optional.ofNullable(row.getString("file_id")))
        .sha256(Optional.ofNullable(row.getString("sha256")))
        .stackedAt(instant(row, "stacked_at"))
        .versionStackId(Optional.ofNullable(row.getString("version_stack_id")))
        .statusWrittenAt(instant(row, "status_written_at"))
        .notifiedAt(instant(row, "notified_at"))
        .checkpoint(CheckpointCodec.read(row.getString("upload_checkpoint"), row.getLong("id")))
        .build();
  }

  /**
   * Binds the four columns of a file identity from parameter {@code first} on.
   *
   * @return the next parameter index
   */
  public static int bindIdentity(PreparedStatement statement, int first, FileIdentity file)
      throws SQLException {
    statement.setString(first, file.root());
    statement.setString(first + 1, file.relativePath());
    statement.setLong(first + 2, file.sizeBytes());
    statement.setLong(first + 3, file.lastModified().toEpochMilli());
    return first + 4;
  }

  /**
   * Binds the thirteen facts, in {@link JournalSql#FACT_COLUMNS} order, from parameter
   * {@code first} on; an absent fact binds SQL NULL.
   *
   * @return the next parameter index
   */
  public static int bindFacts(PreparedStatement statement, int first, DeliveryFacts facts)
      throws SQLException {
    int i = first;
    setString(statement, i++, facts.shot());
    if (facts.version().isPresent()) {
      statement.setInt(i++, facts.version().get());
    } else {
      statement.setNull(i++, Types.INTEGER);
    }
    setString(statement, i++, facts.folderPath());
    setString(statement, i++, facts.folderId());
    setInstant(statement, i++, facts.uploadStartedAt());
    setString(statement, i++, facts.placeholderFileId());
    setString(statement, i++, facts.fileId());
    setString(statement, i++, facts.sha256());
    setInstant(statement, i++, facts.stackedAt());
    setString(statement, i++, facts.versionStackId());
    setInstant(statement, i++, facts.statusWrittenAt());
    setInstant(statement, i++, facts.notifiedAt());
    setString(statement, i++, facts.checkpoint().map(CheckpointCodec::write));
    return i;
  }

  private static void setString(PreparedStatement statement, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setString(index, value.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.get().toEpochMilli());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  private static Optional<Integer> integer(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? Optional.empty() : Optional.of(value);
  }

  private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }
}
