package io.postflow.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned part URLs shaped like S3's SigV4 query authentication. The signature is a real
 * HMAC-SHA256, keyed with a per-sandbox random secret, over a canonical request of method, path, the
 * raw query (sorted, without the signature) and the values of the signed headers
 * ({@code content-type;host;x-amz-acl}). So the URL must be used byte for byte, with exactly the
 * headers it was signed for, as with S3. Thread-safe.
 */
final class PresignedUrls {
  static final String SIGNED_HEADERS = "content-type;host;x-amz-acl";
  static final String ACL = "private";
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Outcome of checking a request against its URL's signature. */
  enum Check { VALID, MALFORMED, BAD_SIGNATURE, EXPIRED }

  private final ThreadLocal<Mac> mac;
  private final Clock clock;
  private final Duration expiry;

  PresignedUrls(byte[] key, Clock clock, Duration expiry) {
    byte[] secret = key.clone();
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(secret, "HmacSHA256"));
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
    this.clock = clock;
    this.expiry = expiry;
  }

  /** A PUT URL for {@code path} on {@code authority} (host:port), signed for {@code contentType}. */
  String sign(String authority, String path, String contentType) {
    Instant now = clock.instant();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    query.put("X-Amz-Credential", encode("SANDBOXKEYID/" + AMZ_DATE.format(now).substring(0, 8)
        + "/us-east-1/s3/aws4_request"));
    query.put("X-Amz-Date", AMZ_DATE.format(now));
    query.put("X-Amz-Expires", Long.toString(expiry.toSeconds()));
    query.put("X-Amz-SignedHeaders", encode(SIGNED_HEADERS));
    List<String> pairs = new ArrayList<>();
    query.forEach((k, v) -> pairs.add(k + "=" + v));
    String signature = signature("PUT", path, pairs, contentType, authority, ACL);
    return "http://" + authority + path + "?" + String.join("&", pairs) + "&X-Amz-Signature=" + signature;
  }

  /** Checks a received request; header values may be null (missing). */
  Check check(String method, String rawPath, String rawQuery, String contentType, String host, String acl) {
    if (rawQuery == null) {
      return Check.MALFORMED;
    }
    List<String> pairs = new ArrayList<>();
    String signature = null;
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (name.equals("X-Amz-Signature")) {
        signature = value;
      } else {
        pairs.add(pair);
        values.put(name, value);
      }
    }
    if (signature == null || !values.containsKey("X-Amz-Date") || !values.containsKey("X-Amz-Expires")) {
      return Check.MALFORMED;
    }
    String expected = signature(method, rawPath, pairs, contentType, host, acl);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return Check.BAD_SIGNATURE;
    }
    try {
      Instant signedAt = Instant.from(AMZ_DATE.parse(values.get("X-Amz-Date")));
      long seconds = Long.parseLong(values.get("X-Amz-Expires"));
      return clock.instant().isAfter(signedAt.plusSeconds(seconds)) ? Check.EXPIRED : Check.VALID;
    } catch (DateTimeParseException | NumberFormatException e) {
      return Check.MALFORMED;
    }
  }

  private String signature(String method, String path, List<String> pairs, String contentType,
      String host, String acl) {
    List<String> sorted = new ArrayList<>(pairs);
    sorted.sort(null);
    String canonical = method + "\n" + path + "\n" + String.join("&", sorted) + "\n"
        + "content-type:" + nullToEmpty(contentType) + "\n"
        + "host:" + nullToEmpty(host) + "\n"
        + "x-amz-acl:" + nullToEmpty(acl) + "\n"
        + SIGNED_HEADERS;
    return mac(canonical);
  }

  /** Hex HMAC-SHA256 of {@code text} with this sandbox's key: the one signing mechanism of the sandbox. */
  String mac(String text) {
    return HexFormat.of().formatHex(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
