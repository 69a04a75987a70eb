package io.postflow.pipeline.journal.internal;

import io.postflow.api.DeliveryState;
import java.util.Collections;
import java.util.Set;

/**
 * Every query the journal runs against its tables, in one place. Plain SQL that PostgreSQL runs
 * unchanged ({@code ON CONFLICT ... DO NOTHING}, {@code COALESCE}, {@code LIMIT ?}); what differs
 * per database (starting a write transaction, the claim's row lock) stays with its
 * {@link JournalDatabase}. Not API: exported to PostFlow's own journal modules only.
 *
 * <p>Every write made under a lease ends in {@link #FENCED}: it changes the row only while the
 * lease's fence is still the delivery's current one, and zero changed rows means the lease is lost.
 */
public final class JournalSql {
  private JournalSql() {}

  public static final String FACT_COLUMNS = "shot, version, folder_path, folder_id, upload_started_at,"
      + " placeholder_file_id, file_id, sha256, stacked_at, version_stack_id, status_written_at,"
      + " notified_at, upload_checkpoint";

  public static final String COLUMNS = "id, root, relative_path, size_bytes, modified_millis, local_path,"
      + " state, attempts, not_before, reason, owner, lease_expires, fence, recorded_at, updated_at, "
      + FACT_COLUMNS;

  private static final String SELECT = "SELECT " + COLUMNS + " FROM deliveries";

  private static final String IDENTITY =
      "root = ? AND relative_path = ? AND size_bytes = ? AND modified_millis = ?";

  private static final String FENCED = " WHERE id = ? AND fence = ? AND state = 'IN_PROGRESS'";

  /** Parameters: the identity (4), local path, recorded_at, updated_at, the 13 facts. */
  public static final String INSERT = "INSERT INTO deliveries (root, relative_path, size_bytes,"
      + " modified_millis, local_path, state, attempts, fence, recorded_at, updated_at, "
      + FACT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, 'PENDING', 0, 0, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (root, relative_path, size_bytes, modified_millis) DO NOTHING";

  /** Parameters: reason, updated_at, root, relative_path, the new delivery's id. */
  public static final String SUPERSEDE_OLDER = "UPDATE deliveries SET state = 'SUPERSEDED', reason = ?,"
      + " owner = NULL, lease_expires = NULL, not_before = NULL, updated_at = ?"
      + " WHERE root = ? AND relative_path = ? AND id < ?"
      + " AND state IN ('PENDING', 'QUARANTINED', 'FAILED')";

  public static final String FIND_BY_ID = SELECT + " WHERE id = ?";

  public static final String FIND_BY_IDENTITY = SELECT + " WHERE " + IDENTITY;

  public static final String IS_RECORDED = "SELECT 1 FROM deliveries WHERE " + IDENTITY;

  /**
   * Parameters: now, now. Due pending work or an expired lease, first recorded first; the
   * database's {@link JournalDatabase#claimLock()} is appended.
   */
  public static final String NEXT_CLAIMABLE = "SELECT id FROM deliveries"
      + " WHERE (state = 'PENDING' AND (not_before IS NULL OR not_before <= ?))"
      + " OR (state = 'IN_PROGRESS' AND lease_expires < ?)"
      + " ORDER BY id LIMIT 1";

  /** Every delivery held under a lease, expired or not, by holder then age. */
  public static final String HELD = SELECT + " WHERE state = 'IN_PROGRESS' ORDER BY owner, id";

  /** Parameter: owner. What one holder holds, oldest first. */
  public static final String HELD_BY = SELECT + " WHERE state = 'IN_PROGRESS' AND owner = ? ORDER BY id";

  /** Parameters: owner, lease_expires, updated_at, id. */
  public static final String TAKE = "UPDATE deliveries SET state = 'IN_PROGRESS', owner = ?,"
      + " lease_expires = ?, fence = fence + 1, not_before = NULL, updated_at = ? WHERE id = ?";

  /** Parameters: lease_expires, updated_at, id, fence. */
  public static final String RENEW = "UPDATE deliveries SET lease_expires = ?, updated_at = ?" + FENCED;

  /**
   * Parameters: the 13 facts (null keeps the recorded one), updated_at, id, fence. COALESCE makes
   * the merge one statement, so no fact recorded by a concurrent writer can be lost in between.
   */
  public static final String MERGE_FACTS = "UPDATE deliveries SET shot = COALESCE(?, shot),"
      + " version = COALESCE(?, version), folder_path = COALESCE(?, folder_path),"
      + " folder_id = COALESCE(?, folder_id),"
      + " upload_started_at = COALESCE(?, upload_started_at),"
      + " placeholder_file_id = COALESCE(?, placeholder_file_id),"
      + " file_id = COALESCE(?, file_id), sha256 = COALESCE(?, sha256),"
      + " stacked_at = COALESCE(?, stacked_at),"
      + " version_stack_id = COALESCE(?, version_stack_id),"
      + " status_written_at = COALESCE(?, status_written_at),"
      + " notified_at = COALESCE(?, notified_at),"
      + " upload_checkpoint = COALESCE(?, upload_checkpoint), updated_at = ?" + FENCED;

  /** Parameters: updated_at, id, fence. */
  public static final String COMPLETE = "UPDATE deliveries SET state = 'DELIVERED', reason = NULL,"
      + " upload_checkpoint = NULL, owner = NULL, lease_expires = NULL, not_before = NULL, updated_at = ?" + FENCED;

  /** Parameters: not_before, reason, updated_at, id, fence. */
  public static final String RETRY_LATER = "UPDATE deliveries SET state = 'PENDING',"
      + " attempts = attempts + 1, not_before = ?, reason = ?, owner = NULL, lease_expires = NULL,"
      + " updated_at = ?" + FENCED;

  /** Like {@link #RETRY_LATER} without counting an attempt. Parameters: not_before, reason, updated_at, id, fence. */
  public static final String POSTPONE = "UPDATE deliveries SET state = 'PENDING',"
      + " not_before = ?, reason = ?, owner = NULL, lease_expires = NULL, updated_at = ?" + FENCED;

  /** Parameters: updated_at, id, fence. */
  public static final String RELEASE = "UPDATE deliveries SET state = 'PENDING', not_before = NULL,"
      + " owner = NULL, lease_expires = NULL, updated_at = ?" + FENCED;

  /** Parameters: state, reason, updated_at, id, fence. */
  public static final String FINISH = "UPDATE deliveries SET state = ?, reason = ?, owner = NULL,"
      + " upload_checkpoint = NULL,"
      + " lease_expires = NULL, not_before = NULL, updated_at = ?" + FENCED;

  /**
   * Parameters: notified_at, id. No lease and no updated_at: the delivery has ended, and a
   * delivered row's updated_at must stay its delivery time (see {@link #LATEST_DELIVERED}).
   */
  static final String RECORD_NOTIFIED = "UPDATE deliveries SET notified_at = ?"
      + " WHERE id = ? AND state = 'DELIVERED' AND notified_at IS NULL";

  /** What became of a delivery whose lease was refused. Parameter: id. */
  public static final String LEASE_HOLDER = "SELECT state, fence, owner FROM deliveries WHERE id = ?";

  /** Parameters: updated_at, the state requeued from. */
  public static final String REQUEUE = "UPDATE deliveries SET state = 'PENDING', attempts = 0,"
      + " not_before = NULL, reason = NULL, updated_at = ? WHERE state = ?";

  /** Parameters: updated_at, the id. */
  static final String REQUEUE_ONE = "UPDATE deliveries SET state = 'PENDING', attempts = 0,"
      + " not_before = NULL, reason = NULL, updated_at = ? WHERE id = ? AND state IN ('QUARANTINED', 'FAILED')";

  /** Parameter: the id. A delivery in progress belongs to its worker until its lease ends. */
  static final String FORGET = "DELETE FROM deliveries WHERE id = ? AND state <> 'IN_PROGRESS'";

  /**
   * Parameter: updated_at. Only for a journal that one process alone can open: whoever held these
   * leases is gone. The fence stays, so the next claim still outranks the dead holder's lease.
   */
  public static final String RELEASE_ALL_LEASES = "UPDATE deliveries SET state = 'PENDING', owner = NULL,"
      + " lease_expires = NULL, updated_at = ? WHERE state = 'IN_PROGRESS'";

  /** Parameter: shot, then the states. */
  public static String byShot(Set<DeliveryState> states) {
    return SELECT + " WHERE shot = ?" + andStateIn(states) + " ORDER BY id";
  }

  /**
   * Parameter: shot. A delivered row is never written again, so its updated_at is when it was
   * delivered; the id breaks ties within a millisecond.
   */
  public static final String LATEST_DELIVERED = SELECT + " WHERE shot = ? AND state = 'DELIVERED'"
      + " ORDER BY updated_at DESC, id DESC LIMIT 1";

  /** Parameters: the states, then the limit. */
  public static String list(Set<DeliveryState> states) {
    String where = states.isEmpty() ? "" : " WHERE state IN (" + placeholders(states.size()) + ")";
    return SELECT + where + " ORDER BY id DESC LIMIT ?";
  }

  public static final String COUNTS = "SELECT state, COUNT(*) FROM deliveries GROUP BY state";

  /**
   * Parameters: now, now. A retry is due at its not_before; an expired lease can be taken over
   * from the millisecond after lease_expires (claim wants lease_expires &lt; now).
   */
  public static final String NEXT_DUE = "SELECT MIN(due) FROM ("
      + "SELECT not_before AS due FROM deliveries WHERE state = 'PENDING' AND not_before > ?"
      + " UNION ALL"
      + " SELECT lease_expires + 1 AS due FROM deliveries"
      + " WHERE state = 'IN_PROGRESS' AND lease_expires >= ?) AS waiting";

  private static String andStateIn(Set<DeliveryState> states) {
    return states.isEmpty() ? "" : " AND state IN (" + placeholders(states.size()) + ")";
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
