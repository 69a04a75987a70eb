package io.postflow.production.nomenclature;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Nomenclature#parse} made of a file name: a match, a temporary or sidecar file to
 * ignore, or no match with the reason. Never a guess. Immutable and thread-safe.
 *
 * @param kind what the name is
 * @param fileName the name as given
 * @param parsed the parts, present exactly when {@code kind} is {@link Kind#MATCHED}
 * @param reason why the name was not matched or was recognised as temporary or sidecar; empty for
 *     a match
 */
public record NameResult(Kind kind, String fileName, Optional<ParsedName> parsed, Optional<String> reason) {

  /** What a file name is. */
  public enum Kind {
    /** Matched a pattern; see {@link NameResult#parsed()}. */
    MATCHED,
    /** A file still being written or a lock file ({@code .part}, {@code .~lock.x#}, ...). */
    TEMPORARY,
    /** A file that describes another ({@code ._x} AppleDouble, {@code .xmp}, {@code .DS_Store}). */
    SIDECAR,
    /** Matched no pattern; see {@link NameResult#reason()}. */
    UNMATCHED
  }

  /** Checks that a parsed name is present exactly for a match. */
  public NameResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fileName, "fileName");
    if (parsed.isPresent() != (kind == Kind.MATCHED)) {
      throw new IllegalArgumentException("a parsed name goes with MATCHED only");
    }
  }

  static NameResult matched(ParsedName name) {
    return new NameResult(Kind.MATCHED, name.fileName(), Optional.of(name), Optional.empty());
  }

  static NameResult rejected(Kind kind, String fileName, String reason) {
    return new NameResult(kind, fileName, Optional.empty(), Optional.of(reason));
  }

  /** Whether the name matched a pattern. */
  public boolean isMatched() {
    return kind == Kind.MATCHED;
  }

  /** Whether the pipeline should leave the file alone (temporary or sidecar). */
  public boolean isIgnorable() {
    return kind == Kind.TEMPORARY || kind == Kind.SIDECAR;
  }
}
