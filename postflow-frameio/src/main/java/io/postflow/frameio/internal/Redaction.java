package io.postflow.frameio.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of logs and messages. Presigned URLs carry their signature in the query string,
 * so a URL is only ever shown without it; Authorization header values never at all; and text a
 * service sent back (an error body, an error description) is quoted only through {@link #text},
 * because a proxy or a service that echoes the request puts the caller's credentials into it.
 *
 * <p>{@link #text} masks, whatever the case of the names:
 * <ul>
 *   <li>the query of every {@code http(s)://} URL ({@code https://host/path?****});</li>
 *   <li>{@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie}
 *       and {@code X-Amz-Security-Token} header values, and {@code Bearer}/{@code Basic} credentials
 *       anywhere;</li>
 *   <li>the values of {@code access_token}, {@code refresh_token}, {@code id_token},
 *       {@code client_secret}, {@code code}, {@code code_verifier}, {@code token}, {@code password},
 *       {@code secret}, {@code X-Amz-Signature}, {@code X-Amz-Credential} (and the like) in JSON
 *       ({@code "name": "value"}), form or query text ({@code name=value}), and S3's signature
 *       elements in XML;</li>
 *   <li>JSON Web Tokens ({@code eyJ...}), and any secret the caller names, also in its
 *       form-encoded spelling.</li>
 * </ul>
 * What is left is enough to understand the error. Thread-safe, stateless.
 */
public final class Redaction {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  private static final String SECRET_NAMES = "access_token|refresh_token|id_token|client_secret"
      + "|code_verifier|code|token|password|secret|api_secret|x-amz-signature|x-amz-credential"
      + "|x-amz-security-token|signature|awsaccesskeyid|authorization|proxy-authorization|cookie|set-cookie";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  private static final Pattern URL_QUERY =
      Pattern.compile("\\b((?:https?|wss?)://[^\\s?#\"'<>]*)\\?[^\\s\"'<>#]*", FLAGS);
  /** A header line: the value of a credential header is one (scheme and) token. */
  private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
      "(?<![\\w-])((?:proxy-)?authorization|x-amz-security-token)(\\s*:\\s*)(?:[a-z]+\\s+)?[^\\s;,<\"']+", FLAGS);
  /** Cookies run to the end of the line. */
  private static final Pattern COOKIE_HEADER =
      Pattern.compile("(?<![\\w-])((?:set-)?cookie)(\\s*:\\s*)[^\\r\\n<\"]*", FLAGS);
  private static final Pattern SCHEME_CREDENTIAL =
      Pattern.compile("\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{6,}", FLAGS);
  private static final Pattern JSON_VALUE = Pattern.compile(
      "(\"(?:" + SECRET_NAMES + ")\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")", FLAGS);
  /** The same inside a JSON string of a raw body: {@code \"name\":\"value\"}. */
  private static final Pattern ESCAPED_JSON_VALUE = Pattern.compile(
      "(\\\\\"(?:" + SECRET_NAMES + ")\\\\\"\\s*:\\s*\\\\\")(?:(?!\\\\\").)*(\\\\\")", FLAGS);
  private static final Pattern FORM_VALUE =
      Pattern.compile("(?<![\\w-])(" + SECRET_NAMES + ")=[^&\\s\"'<>;,]*", FLAGS);
  /** {@code refresh_token: value} in plain text; only names that cannot be an ordinary word. */
  private static final Pattern COLON_VALUE = Pattern.compile(
      "(?<![\\w-])(access_token|refresh_token|id_token|client_secret|code_verifier)(\\s*:\\s*)[^\\s,;<\"'&]+",
      FLAGS);
  private static final Pattern XML_VALUE = Pattern.compile("<(SignatureProvided|StringToSign|StringToSignBytes"
      + "|CanonicalRequest|CanonicalRequestBytes|AWSAccessKeyId|X-Amz-Security-Token)>[^<]*", FLAGS);
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

  private Redaction() {}

  /** {@code https://host/path?X-Amz-Signature=...} becomes {@code https://host/path?****}. */
  public static String withoutQuery(String url) {
    if (url == null) {
      return "null";
    }
    int cut = indexOfAny(url, '?', '#');
    return cut < 0 ? url : url.substring(0, cut) + (url.charAt(cut) == '?' ? "?" + MASK : "");
  }

  public static String withoutQuery(URI uri) {
    return withoutQuery(uri.toString());
  }

  /** The value to print for a header: Authorization and cookies are masked, others shown. */
  public static String headerValue(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("authorization") || lower.contains("cookie") || lower.contains("token")
        || lower.contains("secret") || lower.contains("signature")) {
      return MASK;
    }
    return value;
  }

  /**
   * {@code quoted}, text a service or a proxy sent back, with every credential it may echo masked
   * (see the class description); null stays null.
   */
  public static String text(String quoted) {
    return text(quoted, List.of());
  }

  /**
   * Like {@link #text(String)}, and also masks each of {@code knownSecrets} (the secrets the caller
   * just sent, e.g. a client secret or a refresh token), as written and form-encoded.
   */
  public static String text(String quoted, Collection<String> knownSecrets) {
    if (quoted == null || quoted.isEmpty()) {
      return quoted;
    }
    String text = quoted;
    for (String secret : knownSecrets) {
      if (secret != null && !secret.isEmpty()) {
        text = text.replace(secret, MASK)
            .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), MASK);
      }
    }
    text = URL_QUERY.matcher(text).replaceAll("$1?" + MASK);
    text = AUTHORIZATION_HEADER.matcher(text).replaceAll("$1$2" + MASK);
    text = COOKIE_HEADER.matcher(text).replaceAll("$1$2" + MASK);
    text = SCHEME_CREDENTIAL.matcher(text).replaceAll("$1 " + MASK);
    text = JSON_VALUE.matcher(text).replaceAll("$1" + MASK + "$2");
    text = ESCAPED_JSON_VALUE.matcher(text).replaceAll("$1" + MASK + "$2");
    text = FORM_VALUE.matcher(text).replaceAll("$1=" + MASK);
    text = COLON_VALUE.matcher(text).replaceAll("$1$2" + MASK);
    text = XML_VALUE.matcher(text).replaceAll("<$1>" + MASK);
    return JWT.matcher(text).replaceAll(MASK);
  }

  private static int indexOfAny(String text, char a, char b) {
    int ia = text.indexOf(a);
    int ib = text.indexOf(b);
    if (ia < 0) {
      return ib;
    }
    return ib < 0 ? ia : Math.min(ia, ib);
  }
}
