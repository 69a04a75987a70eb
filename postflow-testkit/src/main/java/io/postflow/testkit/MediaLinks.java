package io.postflow.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed, expiring {@code media_links} URLs, shaped like the CloudFront links in the document's
 * examples ({@code ?Expires=<epoch s>&Signature=...&Key-Pair-Id=...}). The signature is the
 * sandbox's HMAC over the path and expiry, so a link works as given, until it expires, and not
 * after being edited. Thread-safe.
 */
final class MediaLinks {
  static final String KEY_PAIR_ID = "SANDBOXKEYPAIR";

  /** Why a download is refused; null check result means it may proceed. */
  enum Refusal { MISSING, BAD_SIGNATURE, EXPIRED }

  private final PresignedUrls signer;
  private final Clock clock;
  private final Duration expiry;
  private final String baseUri;

  MediaLinks(PresignedUrls signer, Clock clock, Duration expiry, String baseUri) {
    this.signer = signer;
    this.clock = clock;
    this.expiry = expiry;
    this.baseUri = baseUri;
  }

  /** The download URL of a file's original, valid for the configured expiry from now. */
  String original(String fileId) {
    String path = "/assets/" + fileId + "/original";
    long expires = clock.instant().plus(expiry).getEpochSecond();
    return baseUri + path + "?Expires=" + expires + "&Signature=" + signer.mac(path + "\n" + expires)
        + "&Key-Pair-Id=" + KEY_PAIR_ID;
  }

  /** Checks a download request's query against its path; null when it may be served. */
  Refusal check(String path, String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        query.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    String expires = query.get("Expires");
    String signature = query.get("Signature");
    if (expires == null || signature == null || !KEY_PAIR_ID.equals(query.get("Key-Pair-Id"))) {
      return Refusal.MISSING;
    }
    if (!MessageDigest.isEqual(signer.mac(path + "\n" + expires).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return Refusal.BAD_SIGNATURE;
    }
    try {
      return clock.instant().getEpochSecond() > Long.parseLong(expires) ? Refusal.EXPIRED : null;
    } catch (NumberFormatException e) {
      return Refusal.BAD_SIGNATURE;
    }
  }
}
