package io.postflow.journal.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PostgreSQL advisory locks are named by a 64-bit number: a key's is the first 8 bytes of the
 * SHA-256 of {@code "postflow:" + key}, the same on every agent and every run, and unlikely to
 * meet another application's numbers (or another key's: 2^-64 per pair, and a collision only
 * makes two creations wait for each other).
 */
final class AdvisoryKeys {
  private AdvisoryKeys() {}

  /** The lock that serialises migrations: agents starting together migrate one at a time. */
  static final long MIGRATION = of("schema migration");

  static long of(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("postflow:" + key).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
