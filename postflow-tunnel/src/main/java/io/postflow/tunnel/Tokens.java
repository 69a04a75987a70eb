package io.postflow.tunnel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Capability tokens: 128 bits from {@link SecureRandom}, URL-safe base64 without padding (22
 * characters). The registry is keyed by a SHA-256 digest of the token, so looking one up does not
 * compare secret prefixes character by character, and the final check is constant-time.
 */
final class Tokens {
  static final int LENGTH = 22;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The registry key of a token. */
  static String digest(String token) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  static boolean sameToken(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.ISO_8859_1), b.getBytes(StandardCharsets.ISO_8859_1));
  }
}
