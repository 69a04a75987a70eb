package io.postflow.testkit;

import java.util.Map;

/**
 * Whether rate limits are enforced and the per-operation overrides of the documented limits
 * (keyed by Frame.io operation id, e.g. {@code files.show}). Immutable.
 */
record RateLimitSettings(boolean enabled, Map<String, RateLimit> overrides) {
  RateLimitSettings {
    overrides = Map.copyOf(overrides);
  }

  RateLimit limitFor(String operation, RateLimit documented) {
    return overrides.getOrDefault(operation, documented);
  }
}
