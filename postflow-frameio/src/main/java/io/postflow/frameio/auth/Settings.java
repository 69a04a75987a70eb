package io.postflow.frameio.auth;

import io.postflow.api.ConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Builder checks shared by the authenticators; each message names the setting at fault. */
final class Settings {
  private Settings() {}

  static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException("'" + name + "' is required");
    }
    return value;
  }

  /** An absolute http(s) URI; a trailing path is kept, a query or fragment refused. */
  static URI httpUri(String name, URI value) {
    if (value == null) {
      throw new ConfigurationException("'" + name + "' is required");
    }
    String scheme = value.getScheme();
    if (scheme == null || value.getHost() == null
        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      throw new ConfigurationException("'" + name + "' must be an absolute http(s) URI, was " + value);
    }
    return value;
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    try {
      // Only literal addresses count: a host name is not resolved here.
      return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static <T> T required(String name, T value) {
    if (value == null) {
      throw new ConfigurationException("'" + name + "' is required");
    }
    return value;
  }

  static void duration(String name, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigurationException(
          "'" + name + "' must be between " + min + " and " + max + ", was " + value);
    }
  }

  static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigurationException(
          "'" + name + "' must be between " + min + " and " + max + ", was " + value);
    }
  }

  /** Scopes given one per element or space/comma separated, in order, without duplicates. */
  static Set<String> scopes(String name, Collection<String> value) {
    if (value == null) {
      throw new ConfigurationException("'" + name + "' is required");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : value) {
      if (scope == null) {
        throw new ConfigurationException("'" + name + "' must not contain null, was " + value);
      }
      scopes.addAll(Arrays.asList(scope.trim().split("[ ,]+")));
    }
    scopes.remove("");
    if (scopes.isEmpty()) {
      throw new ConfigurationException("'" + name + "' must not be empty");
    }
    return scopes;
  }

  static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }
}
