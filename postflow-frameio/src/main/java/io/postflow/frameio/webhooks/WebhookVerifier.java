package io.postflow.frameio.webhooks;

import io.postflow.api.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request comes from Frame.io, is recent and is not a replay.
 *
 * <p>Frame.io signs {@code "v0:" + timestamp + ":" + rawBody} with HMAC-SHA256 under the secret it
 * returned when the webhook was created, and sends {@code X-Frameio-Request-Timestamp} (epoch
 * seconds) and {@code X-Frameio-Signature: v0=<hex>}. A request is {@link Result#VALID} when the
 * signature matches (compared in constant time), the timestamp is within the tolerance of the clock
 * in either direction, and the same signature was not accepted before within that window.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder().secret(secretFromCreateWebhook).build();
 * WebhookVerifier.Result result = verifier.verify(timestampHeader, signatureHeader, rawBodyBytes);
 * if (!result.isValid()) respond(401, result.reason());
 * }</pre>
 *
 * <p>Thread-safe. Remembers accepted signatures only for the tolerance window, and at most
 * {@code maxRemembered} of them (the oldest are forgotten first), so memory stays bounded under
 * any load; a replay can only slip through after more than {@code maxRemembered} genuine
 * deliveries within one window. {@code toString()} never shows the secret.
 */
public final class WebhookVerifier {
  /** Header carrying the request's epoch-second timestamp. */
  public static final String TIMESTAMP_HEADER = "X-Frameio-Request-Timestamp";
  /** Header carrying {@code v0=<hex HMAC-SHA256>}. */
  public static final String SIGNATURE_HEADER = "X-Frameio-Signature";
  private static final String VERSION = "v0";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration tolerance;
  private final int maxRemembered;
  // Accepted signatures and their timestamps, oldest accepted first; guarded by "this".
  private final Map<String, Long> seen = new HashMap<>();
  private final ArrayDeque<String> seenOrder = new ArrayDeque<>();

  private WebhookVerifier(Builder builder) {
    this.key = new SecretKeySpec(builder.secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = builder.clock;
    this.tolerance = builder.tolerance;
    this.maxRemembered = builder.maxRemembered;
  }

  /** Starts a builder; the secret is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies one request. Never throws for bad input: every problem is a {@link Result}.
   *
   * @param timestamp the {@code X-Frameio-Request-Timestamp} header, or null when absent
   * @param signature the {@code X-Frameio-Signature} header, or null when absent
   * @param rawBody the request body exactly as received (not re-serialized JSON)
   */
  public Result verify(String timestamp, String signature, byte[] rawBody) {
    if (timestamp == null || signature == null || rawBody == null) {
      return Result.MISSING_HEADER;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Result.MALFORMED_TIMESTAMP;
    }
    byte[] given = parseSignature(signature);
    if (given == null) {
      return Result.MALFORMED_SIGNATURE;
    }
    byte[] expected = sign(timestamp.trim(), rawBody);
    if (!MessageDigest.isEqual(expected, given)) {
      return Result.BAD_SIGNATURE;
    }
    // Time and replay are judged only for authentic requests, so forged ones cannot fill memory.
    long now = clock.instant().getEpochSecond();
    if (seconds < now - tolerance.toSeconds()) {
      return Result.TOO_OLD;
    }
    if (seconds > now + tolerance.toSeconds()) {
      return Result.FROM_THE_FUTURE;
    }
    return remember(HexFormat.of().formatHex(given), seconds, now) ? Result.VALID : Result.REPLAYED;
  }

  /** {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))}. */
  String signatureHeader(String timestamp, byte[] rawBody) {
    return VERSION + "=" + HexFormat.of().formatHex(sign(timestamp, rawBody));
  }

  private byte[] sign(String timestamp, byte[] rawBody) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(rawBody);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  private static byte[] parseSignature(String header) {
    String value = header.trim();
    if (!value.startsWith(VERSION + "=")) {
      return null;
    }
    String hex = value.substring(VERSION.length() + 1).toLowerCase(Locale.ROOT);
    if (hex.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private synchronized boolean remember(String signature, long timestamp, long now) {
    long cutoff = now - tolerance.toSeconds();
    while (!seenOrder.isEmpty()
        && (seen.get(seenOrder.peekFirst()) < cutoff || seenOrder.size() >= maxRemembered)) {
      seen.remove(seenOrder.pollFirst());
    }
    if (seen.putIfAbsent(signature, timestamp) != null) {
      return false;
    }
    seenOrder.addLast(signature);
    return true;
  }

  /**
   * Forgets a request {@link #verify} accepted but whose event could not be taken on (a full
   * queue, a rejecting executor), so a redelivery of the same signed bytes is not called a replay.
   */
  synchronized void forget(String signature) {
    byte[] given = signature == null ? null : parseSignature(signature);
    if (given != null) {
      String key = HexFormat.of().formatHex(given);
      if (seen.remove(key) != null) {
        seenOrder.removeLastOccurrence(key); // just accepted, so at the tail: no scan of the rest
      }
    }
  }

  /** How many accepted signatures are remembered for replay detection right now. */
  synchronized int remembered() {
    return seen.size();
  }

  @Override
  public String toString() {
    return "WebhookVerifier{tolerance=" + tolerance + ", secret=****}";
  }

  /** Why a request was accepted or refused. */
  public enum Result {
    /** Authentic, recent and not seen before. */
    VALID("valid"),
    /** A signature or timestamp header (or the body) is missing. */
    MISSING_HEADER("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header"),
    /** The timestamp header is not a number of epoch seconds. */
    MALFORMED_TIMESTAMP(TIMESTAMP_HEADER + " is not epoch seconds"),
    /** The signature header is not {@code v0=} and 64 hex digits. */
    MALFORMED_SIGNATURE(SIGNATURE_HEADER + " is not v0=<64 hex digits>"),
    /** The signature does not match: wrong secret, or the body or timestamp was changed. */
    BAD_SIGNATURE("signature does not match (wrong secret, or body or timestamp altered)"),
    /** Signed more than the tolerance ago. */
    TOO_OLD("timestamp is older than the allowed window"),
    /** Signed more than the tolerance in the future: a clock is wrong. */
    FROM_THE_FUTURE("timestamp is in the future beyond the allowed window (check the clock)"),
    /** The same signed request was already accepted: a replay. */
    REPLAYED("this signed request was already received (replay)");

    private final String reason;

    Result(String reason) {
      this.reason = reason;
    }

    /** Whether the request should be processed. */
    public boolean isValid() {
      return this == VALID;
    }

    /** A short explanation fit for a log line or a 401 body; contains no secret. */
    public String reason() {
      return reason;
    }
  }

  /** Configures a {@link WebhookVerifier}. Not thread-safe. */
  public static final class Builder {
    private String secret;
    private Clock clock = Clock.systemUTC();
    private Duration tolerance = Duration.ofMinutes(5);
    private int maxRemembered = 100_000;

    private Builder() {}

    /** The secret Frame.io returned when the webhook was created. Required; never shown. */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /** The clock timestamps are judged by; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How far a timestamp may be from now, either way; default 5 minutes (Frame.io's advice). */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    /** The most signatures remembered for replay detection; default 100 000 (about 10 MB). */
    public Builder maxRemembered(int maxRemembered) {
      this.maxRemembered = maxRemembered;
      return this;
    }

    /**
     * Validates and creates the verifier.
     *
     * @throws ConfigurationException naming the setting at fault
     */
    public WebhookVerifier build() {
      if (secret == null || secret.isEmpty()) {
        throw new ConfigurationException("'secret' is required (Frame.io returns it once, when"
            + " the webhook is created)");
      }
      if (clock == null) {
        throw new ConfigurationException("'clock' is required");
      }
      if (tolerance == null || tolerance.compareTo(Duration.ofSeconds(1)) < 0
          || tolerance.compareTo(Duration.ofHours(1)) > 0) {
        throw new ConfigurationException(
            "'tolerance' must be between 1 second and 1 hour, was " + tolerance);
      }
      if (maxRemembered < 1) {
        throw new ConfigurationException("'maxRemembered' must be at least 1, was " + maxRemembered);
      }
      return new WebhookVerifier(this);
    }
  }
}
