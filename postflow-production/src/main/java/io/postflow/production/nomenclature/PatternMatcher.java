package io.postflow.production.nomenclature;

import io.postflow.production.nomenclature.NamePattern.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches names against one {@link NamePattern}. Matching walks the tokens left to right (each part
 * takes the longest run its expression allows, no backtracking), so when a name fails we know
 * exactly which token stopped it and where — the basis of the "closest pattern" diagnostic.
 */
final class PatternMatcher {
  private final NamePattern pattern;
  private final boolean caseSensitive;
  private final List<Token> tokens;
  private final Pattern[] compiled;

  PatternMatcher(NamePattern pattern, boolean caseSensitive) {
    this.pattern = pattern;
    this.caseSensitive = caseSensitive;
    this.tokens = pattern.tokens();
    this.compiled = new Pattern[tokens.size()];
    int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isPart()) {
        compiled[i] = Pattern.compile(tokens.get(i).regex(), flags);
      }
    }
  }

  NamePattern pattern() {
    return pattern;
  }

  /** The outcome for one name: the parts when it matched, else where it stopped and why. */
  record Attempt(Map<String, String> parts, int stoppedAt, String expected) {
    boolean matched() {
      return parts != null;
    }
  }

  Attempt match(String name) {
    Map<String, String> parts = new LinkedHashMap<>();
    int at = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isPart()) {
        Matcher m = compiled[i].matcher(name).region(at, name.length());
        // Greedy and final: a part's expression must not also match the separator after it.
        if (!m.lookingAt() || m.end() == at) {
          return new Attempt(null, at, "{" + token.text() + "} (" + token.regex() + ")");
        }
        parts.put(token.text(), name.substring(at, m.end()));
        at = m.end();
      } else {
        String literal = token.text();
        if (!name.regionMatches(!caseSensitive, at, literal, 0, literal.length())) {
          return new Attempt(null, at, "'" + literal + "'");
        }
        at += literal.length();
      }
    }
    if (at != name.length()) {
      return new Attempt(null, at, "the end of the name");
    }
    return new Attempt(parts, at, null);
  }
}
