package io.postflow.frameio.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random values of a login: the PKCE (RFC 7636) verifier and its S256 challenge, and the
 * {@code state} that ties a redirect to the login that started it. PKCE keeps an intercepted
 * authorization code useless without the verifier, which never leaves this process until the code
 * exchange.
 */
final class Pkce {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String verifier;
  private final String challenge;

  private Pkce(String verifier) {
    this.verifier = verifier;
    this.challenge = challengeOf(verifier);
  }

  /** A fresh verifier: 32 random bytes, base64url, 43 characters (RFC 7636 asks for 43-128). */
  static Pkce generate() {
    return new Pkce(randomToken());
  }

  static Pkce of(String verifier) {
    return new Pkce(verifier);
  }

  /** 32 random bytes as base64url: for PKCE verifiers and {@code state} values. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  static String challengeOf(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return BASE64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  String verifier() {
    return verifier;
  }

  String challenge() {
    return challenge;
  }

  @Override
  public String toString() {
    return "Pkce{S256, verifier=****}";
  }
}
