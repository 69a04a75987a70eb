package io.postflow.production.nomenclature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A file name that matched a {@link NamePattern}: the parts as written in the name. Immutable and
 * thread-safe.
 *
 * @param fileName the name as given
 * @param pattern the name of the pattern that matched
 * @param parts every captured part by name, in template order
 */
public record ParsedName(String fileName, String pattern, Map<String, String> parts) {

  /** Copies {@code parts}; all three values are required. */
  public ParsedName {
    parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /** The part with this name, when the pattern has it. */
  public Optional<String> part(String name) {
    return Optional.ofNullable(parts.get(name));
  }

  /** The {@code project} part. */
  public Optional<String> project() {
    return part("project");
  }

  /** The {@code sequence} part, e.g. {@code SQ03}. */
  public Optional<String> sequence() {
    return part("sequence");
  }

  /** The shot digits as written, e.g. {@code 00042}. */
  public Optional<String> shot() {
    return part("shot");
  }

  /** The version number ({@code v002} gives 2), when the pattern has one and it is all digits. */
  public OptionalInt version() {
    String v = parts.get("version");
    if (v == null || v.isEmpty() || !v.chars().allMatch(Character::isDigit) || v.length() > 9) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(v));
  }

  /** The {@code extension} part, without the dot. */
  public Optional<String> extension() {
    return part("extension");
  }
}
