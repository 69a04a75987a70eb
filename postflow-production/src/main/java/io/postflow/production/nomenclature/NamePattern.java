package io.postflow.production.nomenclature;

import io.postflow.api.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One file-name pattern: literal text and named parts, e.g.
 * {@code {project}_{shot}_v{version}.{extension}}.
 *
 * <p>Parts known by default (each overridable with {@link Builder#part}): {@code project}
 * ({@code [A-Z][A-Z0-9]*}), {@code sequence} ({@code SQ\d{2}}), {@code shot} (5 digits),
 * {@code version} (3 digits) and {@code extension} ({@code [a-z0-9]{2,5}}). Digit widths are exact:
 * with 5-digit shots, {@code KRAK_0042_v002.mov} does not match. Immutable and thread-safe.
 */
public final class NamePattern {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
  private static final Map<String, String> DEFAULT_PARTS = Map.of(
      "project", "[A-Z][A-Z0-9]*",
      "sequence", "SQ\\d{2}",
      "shot", "\\d{5}",
      "version", "\\d{3}",
      "extension", "[a-z0-9]{2,5}");

  private final String name;
  private final String template;
  private final List<Token> tokens;

  private NamePattern(String name, String template, List<Token> tokens) {
    this.name = name;
    this.template = template;
    this.tokens = tokens;
  }

  /**
   * A pattern with the default part definitions.
   *
   * @throws ConfigurationException when the template is empty or names a part without a definition
   */
  public static NamePattern of(String name, String template) {
    return builder().name(name).template(template).build();
  }

  /** A builder starting from the default part definitions. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name used in diagnostics, e.g. {@code shot}. */
  public String name() {
    return name;
  }

  /** The template as configured. */
  public String template() {
    return template;
  }

  /** The parts this pattern captures, in template order. */
  public Set<String> parts() {
    Set<String> parts = new LinkedHashSet<>();
    for (Token t : tokens) {
      if (t.isPart()) {
        parts.add(t.text());
      }
    }
    return Collections.unmodifiableSet(parts);
  }

  List<Token> tokens() {
    return tokens;
  }

  @Override
  public String toString() {
    return name + "=" + template;
  }

  /**
   * One literal run or one named part. {@code regex} is the part's expression (null for literals).
   */
  record Token(String text, String regex) {
    boolean isPart() {
      return regex != null;
    }
  }

  /** Builds a {@link NamePattern}; not thread-safe. */
  public static final class Builder {
    private String name;
    private String template;
    private final Map<String, String> parts = new LinkedHashMap<>(DEFAULT_PARTS);

    private Builder() {}

    /** Required: the name used in diagnostics. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Required: literal text with {@code {part}} placeholders. */
    public Builder template(String template) {
      this.template = template;
      return this;
    }

    /** Defines or redefines a part by a regular expression (without groups of its own). */
    public Builder part(String partName, String regex) {
      parts.put(partName, regex);
      return this;
    }

    /** Defines a part as exactly {@code width} digits. */
    public Builder digits(String partName, int width) {
      if (width < 1 || width > 18) {
        throw new ConfigurationException(
            "'digits' width for part '" + partName + "' must be 1 to 18, was " + width);
      }
      return part(partName, "\\d{" + width + "}");
    }

    /**
     * @throws ConfigurationException naming the culprit: missing name or template, a part without a
     *     definition, a part used twice, an invalid expression, two parts with nothing between
     */
    public NamePattern build() {
      if (name == null || name.isBlank()) {
        throw new ConfigurationException("'name' is required for a name pattern");
      }
      if (template == null || template.isBlank()) {
        throw new ConfigurationException("'template' is required for name pattern '" + name + "'");
      }
      List<Token> tokens = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      var m = PLACEHOLDER.matcher(template);
      int at = 0;
      while (m.find()) {
        if (m.start() > at) {
          tokens.add(new Token(template.substring(at, m.start()), null));
        } else if (!tokens.isEmpty()) {
          throw new ConfigurationException("name pattern '" + name + "': parts {"
              + tokens.get(tokens.size() - 1).text() + "} and {" + m.group(1)
              + "} need a literal separator between them");
        }
        String part = m.group(1);
        String regex = parts.get(part);
        if (regex == null) {
          throw new ConfigurationException("name pattern '" + name + "' uses {" + part
              + "}, which has no definition; defined parts: " + parts.keySet());
        }
        if (!seen.add(part)) {
          throw new ConfigurationException("name pattern '" + name + "' uses {" + part + "} twice");
        }
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw new ConfigurationException(
              "name pattern '" + name + "': part '" + part + "' has an invalid expression: " + regex, e);
        }
        tokens.add(new Token(part, regex));
        at = m.end();
      }
      if (at < template.length()) {
        tokens.add(new Token(template.substring(at), null));
      }
      if (template.indexOf('{') >= 0 && seen.isEmpty()) {
        throw new ConfigurationException("name pattern '" + name + "' has a malformed placeholder: "
            + template);
      }
      return new NamePattern(name, template, List.copyOf(tokens));
    }
  }
}
