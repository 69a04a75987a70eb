package io.postflow.lucidlink;

import io.postflow.api.ConfigurationException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which files under a watched root are candidates. Immutable and thread-safe.
 *
 * <p>Globs are matched against the path relative to the root with {@code /} separators, in the
 * syntax of {@link java.nio.file.FileSystem#getPathMatcher} ({@code **}{@code /*.mov},
 * {@code renders/**}); note that {@code **}{@code /*.mov} needs at least one folder, so write
 * {@code {*.mov,**}{@code /*.mov}} to include files at the root too. A file is accepted when: its name is not a temporary or sidecar name
 * ({@code .part}, {@code .tmp}, {@code ~}, {@code .~lock.*#}, {@code ._*}, {@code .DS_Store} —
 * always refused), it is not hidden unless {@link Builder#includeHidden}, its extension is listed
 * (when any are), it matches an include glob (when any are) and no exclude glob. A directory is
 * descended into unless it is hidden (and hidden is not included) or matches an exclude glob.
 */
public final class WatchFilter {
  private final Set<String> extensions;
  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;
  private final boolean includeHidden;

  private WatchFilter(Builder b) {
    this.extensions = Collections.unmodifiableSet(new LinkedHashSet<>(b.extensions));
    this.includes = List.copyOf(b.includes);
    this.excludes = List.copyOf(b.excludes);
    this.includeHidden = b.includeHidden;
  }

  /** Accepts every file that is not temporary or hidden. */
  public static WatchFilter acceptAll() {
    return builder().build();
  }

  /** A builder that starts from {@link #acceptAll()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the file at {@code relativePath} (relative to the watched root) is a candidate. */
  public boolean acceptsFile(Path relativePath) {
    Path name = relativePath.getFileName();
    if (name == null) {
      return false;
    }
    String fileName = name.toString();
    if (TempNames.isTemporary(fileName) || (!includeHidden && fileName.startsWith("."))) {
      return false;
    }
    if (!extensions.isEmpty()) {
      int dot = fileName.lastIndexOf('.');
      if (dot < 0 || !extensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    Path unix = unixPath(relativePath);
    if (!includes.isEmpty() && includes.stream().noneMatch(m -> m.matches(unix))) {
      return false;
    }
    return excludes.stream().noneMatch(m -> m.matches(unix));
  }

  /** Whether the directory at {@code relativePath} should be scanned and watched. */
  public boolean acceptsDirectory(Path relativePath) {
    Path name = relativePath.getFileName();
    if (name == null || name.toString().isEmpty()) {
      return true; // the root itself
    }
    if (!includeHidden && name.toString().startsWith(".")) {
      return false;
    }
    Path unix = unixPath(relativePath);
    return excludes.stream().noneMatch(m -> m.matches(unix));
  }

  /** Matchers from the default file system use its separator; normalise to '/' for globs. */
  private static Path unixPath(Path relative) {
    String sep = relative.getFileSystem().getSeparator();
    return sep.equals("/") ? relative : Path.of(relative.toString().replace(sep, "/"));
  }

  /** Builds a {@link WatchFilter}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> extensions = new LinkedHashSet<>();
    private final List<PathMatcher> includes = new ArrayList<>();
    private final List<PathMatcher> excludes = new ArrayList<>();
    private final List<String> badGlobs = new ArrayList<>();
    private boolean includeHidden;

    private Builder() {}

    /** Accepts only these extensions (without the dot, any case), e.g. {@code "mov", "mxf"}. */
    public Builder addExtensions(String... exts) {
      for (String e : exts) {
        String clean = e.startsWith(".") ? e.substring(1) : e;
        extensions.add(clean.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Accepts only files matching at least one such glob. */
    public Builder addInclude(String glob) {
      matcher(glob, includes);
      return this;
    }

    /** Refuses files and directories matching this glob. */
    public Builder addExclude(String glob) {
      matcher(glob, excludes);
      return this;
    }

    /** Whether names starting with '.' are watched; default {@code false}. */
    public Builder includeHidden(boolean include) {
      this.includeHidden = include;
      return this;
    }

    /** @throws ConfigurationException naming the first glob that is not valid */
    public WatchFilter build() {
      if (!badGlobs.isEmpty()) {
        throw new ConfigurationException("'include/exclude' glob is not valid: " + badGlobs.get(0));
      }
      if (extensions.contains("")) {
        throw new ConfigurationException("'extensions' must not contain an empty extension");
      }
      return new WatchFilter(this);
    }

    private void matcher(String glob, List<PathMatcher> into) {
      try {
        into.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      } catch (IllegalArgumentException e) { // includes PatternSyntaxException
        badGlobs.add("'" + glob + "' (" + e.getMessage().lines().findFirst().orElse("") + ")");
      }
    }
  }
}
