package io.postflow.production.nomenclature;

import io.postflow.api.ConfigurationException;
import io.postflow.api.FolderPath;
import io.postflow.api.Scene;
import io.postflow.production.nomenclature.NameResult.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production's naming rules: file-name patterns in priority order and, optionally, the folder
 * template that places a parsed name in Frame.io.
 *
 * <p>Immutable and thread-safe once built; {@link #parse} never blocks and never guesses: a name
 * that matches nothing comes back {@link Kind#UNMATCHED} with the pattern that came closest and
 * where it stopped.
 *
 * <pre>{@code
 * Nomenclature names = Nomenclature.builder()
 *     .pattern(NamePattern.of("shot", "{project}_{shot}_v{version}.{extension}"))
 *     .pattern(NamePattern.of("sequence-render", "{sequence}_{project}_v{version}.{extension}"))
 *     .caseSensitive(false)
 *     .folderTemplate("WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}")
 *     .build();
 * }</pre>
 */
public final class Nomenclature {
  private static final Logger LOG = LoggerFactory.getLogger(Nomenclature.class);

  private final List<PatternMatcher> matchers;
  private final FolderTemplate folderTemplate;
  private final FolderTemplate shotTemplate;

  private Nomenclature(List<PatternMatcher> matchers, FolderTemplate folderTemplate,
      FolderTemplate shotTemplate) {
    this.matchers = matchers;
    this.folderTemplate = folderTemplate;
    this.shotTemplate = shotTemplate;
  }

  /** A builder; at least one pattern is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Classifies a file name (not a path): temporary and sidecar names first, then each pattern in
   * priority order; the first full match wins.
   *
   * @throws NullPointerException when {@code fileName} is null
   */
  public NameResult parse(String fileName) {
    Optional<NameResult> special = SpecialNames.classify(fileName);
    if (special.isPresent()) {
      LOG.debug("{}: {}", fileName, special.get().reason().orElse(""));
      return special.get();
    }
    PatternMatcher.Attempt closest = null;
    PatternMatcher closestMatcher = null;
    for (PatternMatcher matcher : matchers) {
      PatternMatcher.Attempt attempt = matcher.match(fileName);
      if (attempt.matched()) {
        return NameResult.matched(new ParsedName(fileName, matcher.pattern().name(), attempt.parts()));
      }
      if (closest == null || attempt.stoppedAt() > closest.stoppedAt()) {
        closest = attempt;
        closestMatcher = matcher;
      }
    }
    String reason = "matches no pattern; closest is '" + closestMatcher.pattern().name() + "' ("
        + closestMatcher.pattern().template() + "), which stopped at character "
        + (closest.stoppedAt() + 1) + " ('" + fileName.substring(closest.stoppedAt())
        + "') expecting " + closest.expected();
    LOG.debug("{}: {}", fileName, reason);
    return NameResult.rejected(Kind.UNMATCHED, fileName, reason);
  }

  /**
   * The folder for a parsed name in its shot's scene.
   *
   * @throws IllegalStateException when no folder template was configured
   * @throws io.postflow.api.InvalidInputException naming the file when the name's pattern lacks a
   *     part the template uses or a folder name comes out invalid
   */
  public FolderPath folderFor(ParsedName name, Scene scene) {
    if (folderTemplate == null) {
      throw new IllegalStateException("no 'folderTemplate' was configured");
    }
    return folderTemplate.render(name, scene);
  }

  /**
   * The shot-list nomenclature a parsed name belongs to, by the {@code shotTemplate}
   * ({@code KRAK_00042_v002.mov} gives {@code KRAK_00042} with {@code {project}_{shot}}), to look
   * the shot up with {@link io.postflow.api.ShotRepository#findByNomenclature}. Empty when the
   * name's pattern lacks a part the template uses (a whole-sequence render belongs to no shot).
   *
   * @throws IllegalStateException when no shot template was configured
   */
  public Optional<String> shotNomenclature(ParsedName name) {
    if (shotTemplate == null) {
      throw new IllegalStateException("no 'shotTemplate' was configured");
    }
    try {
      return Optional.of(shotTemplate.render(name, null).name());
    } catch (io.postflow.api.InvalidInputException e) {
      return Optional.empty();
    }
  }

  /** Builds a {@link Nomenclature}; not thread-safe. */
  public static final class Builder {
    private final List<NamePattern> patterns = new ArrayList<>();
    private boolean caseSensitive = true;
    private String folderTemplate;
    private String shotTemplate;

    private Builder() {}

    /** Adds a pattern; patterns are tried in the order added. At least one is required. */
    public Builder pattern(NamePattern pattern) {
      patterns.add(pattern);
      return this;
    }

    /** Whether literals and parts must match case exactly; default true. */
    public Builder caseSensitive(boolean caseSensitive) {
      this.caseSensitive = caseSensitive;
      return this;
    }

    /** Optional: the folder path template, checked against the patterns' parts at build. */
    public Builder folderTemplate(String folderTemplate) {
      this.folderTemplate = folderTemplate;
      return this;
    }

    /**
     * Optional: how a parsed name spells its shot's nomenclature, e.g. {@code {project}_{shot}};
     * parts only, one name. Checked against the patterns' parts at build.
     */
    public Builder shotTemplate(String shotTemplate) {
      this.shotTemplate = shotTemplate;
      return this;
    }

    /**
     * @throws ConfigurationException when no pattern was added, two patterns share a name, or a
     *     template refers to a part no pattern captures
     */
    public Nomenclature build() {
      if (patterns.isEmpty()) {
        throw new ConfigurationException("at least one 'pattern' is required");
      }
      Set<String> names = new LinkedHashSet<>();
      Set<String> parts = new LinkedHashSet<>();
      List<PatternMatcher> matchers = new ArrayList<>();
      for (NamePattern p : patterns) {
        if (!names.add(p.name())) {
          throw new ConfigurationException("two patterns are named '" + p.name() + "'");
        }
        parts.addAll(p.parts());
        matchers.add(new PatternMatcher(p, caseSensitive));
      }
      FolderTemplate template =
          folderTemplate == null ? null : FolderTemplate.compile(folderTemplate, parts);
      FolderTemplate shot = shotTemplate == null ? null
          : FolderTemplate.compileName("shotTemplate", shotTemplate, parts);
      return new Nomenclature(List.copyOf(matchers), template, shot);
    }
  }
}
