package io.postflow.production.nomenclature;

import io.postflow.api.ConfigurationException;
import io.postflow.api.FolderPath;
import io.postflow.api.InvalidInputException;
import io.postflow.api.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder path template such as {@code WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}}.
 * Placeholders are name parts or {@code scene.number}, {@code scene.name}, {@code scene.rawName},
 * {@code scene.slug}; {@code :0N} pads a number with zeros to N digits. Everything is checked when
 * the template is compiled, so a typo fails at start-up, not at the first file.
 */
final class FolderTemplate {
  static final Set<String> SCENE_VARIABLES =
      Set.of("scene.number", "scene.name", "scene.rawName", "scene.slug");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9.]*)(?::0(\\d))?}");

  private final String template;
  /** Per path segment: literals and placeholders in order. */
  private final List<List<Piece>> segments;

  private record Piece(String literal, String variable, int width) {}

  private FolderTemplate(String template, List<List<Piece>> segments) {
    this.template = template;
    this.segments = segments;
  }

  /**
   * @param knownParts the parts some configured pattern captures
   * @throws ConfigurationException naming the unknown placeholder or the malformed segment
   */
  static FolderTemplate compile(String template, Set<String> knownParts) {
    return compile("folderTemplate", template, knownParts, SCENE_VARIABLES);
  }

  /**
   * A template that must render to one name from the parts alone (no scene, no {@code /}), such
   * as the shot's nomenclature {@code {project}_{shot}}.
   *
   * @throws ConfigurationException naming {@code setting} and the culprit
   */
  static FolderTemplate compileName(String setting, String template, Set<String> knownParts) {
    if (template.indexOf('/') >= 0) {
      throw new ConfigurationException("'" + setting + "' must be a single name without '/', was '"
          + template + "'");
    }
    return compile(setting, template, knownParts, Set.of());
  }

  private static FolderTemplate compile(String setting, String template, Set<String> knownParts,
      Set<String> sceneVariables) {
    if (template.isBlank() || template.startsWith("/") || template.endsWith("/")
        || template.contains("//")) {
      throw new ConfigurationException("'" + setting + "' must be folder names separated by single"
          + " '/', was '" + template + "'");
    }
    List<List<Piece>> segments = new ArrayList<>();
    for (String segment : template.split("/")) {
      List<Piece> pieces = new ArrayList<>();
      Matcher m = PLACEHOLDER.matcher(segment);
      int at = 0;
      while (m.find()) {
        if (m.start() > at) {
          pieces.add(literal(setting, segment.substring(at, m.start()), template));
        }
        String variable = m.group(1);
        if (!sceneVariables.contains(variable) && !knownParts.contains(variable)) {
          throw new ConfigurationException("'" + setting + "' " + template + " refers to {" + variable
              + "}, which is neither a scene field " + sceneVariables
              + " nor a part of any name pattern " + knownParts);
        }
        pieces.add(new Piece(null, variable, m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
        at = m.end();
      }
      if (at < segment.length()) {
        pieces.add(literal(setting, segment.substring(at), template));
      }
      segments.add(List.copyOf(pieces));
    }
    return new FolderTemplate(template, List.copyOf(segments));
  }

  private static Piece literal(String setting, String text, String template) {
    if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
      throw new ConfigurationException(
          "'" + setting + "' has a malformed placeholder near '" + text + "': " + template);
    }
    return new Piece(text, null, 0);
  }

  /**
   * @throws InvalidInputException naming the file when the name lacks a part the template needs or
   *     a folder name comes out invalid
   */
  FolderPath render(ParsedName name, Scene scene) {
    Map<String, String> values = scene == null ? Map.of() : Map.of(
        "scene.number", Integer.toString(scene.number()),
        "scene.name", scene.name(),
        "scene.rawName", scene.rawName(),
        "scene.slug", scene.slug());
    List<String> names = new ArrayList<>();
    for (List<Piece> segment : segments) {
      StringBuilder folder = new StringBuilder();
      for (Piece piece : segment) {
        if (piece.literal() != null) {
          folder.append(piece.literal());
          continue;
        }
        String value = values.containsKey(piece.variable())
            ? values.get(piece.variable())
            : name.part(piece.variable()).orElseThrow(() -> new InvalidInputException(
                name.fileName(), 0, piece.variable(), "the folder template " + template + " needs {"
                    + piece.variable() + "} but pattern '" + name.pattern() + "' has none"));
        folder.append(pad(value, piece.width()));
      }
      names.add(folder.toString());
    }
    try {
      return FolderPath.of(names);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(name.fileName(), 0, null,
          "folder template " + template + " gives an invalid path: " + e.getMessage());
    }
  }

  private static String pad(String value, int width) {
    if (width == 0 || value.length() >= width || !value.chars().allMatch(Character::isDigit)) {
      return value;
    }
    return "0".repeat(width - value.length()) + value;
  }

  @Override
  public String toString() {
    return template;
  }
}
