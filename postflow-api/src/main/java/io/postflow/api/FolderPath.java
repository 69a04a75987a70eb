package io.postflow.api;

import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * A path of folder names below a project's root folder (or any folder), such as
 * {@code WIP_BYSHOT/SC03_BUS/UNDLM_00042}. Names are 1 to 255 characters, contain no {@code /}, are
 * not {@code .} or {@code ..} (a folder path never leaves the folder it is resolved against), and
 * keep their exact spelling: Frame.io compares folder names exactly.
 */
@Value.Immutable
public abstract class FolderPath {
  static final int MAX_NAME_LENGTH = 255;

  /** The folder names from the top down; may be empty (the root itself). */
  public abstract List<String> names();

  /**
   * Parses {@code a/b/c} the way a person types it: leading, trailing and doubled slashes are
   * dropped ({@code /WIP/A/} and {@code WIP//A} are both {@code WIP/A}); an empty string or
   * {@code /} is the root.
   *
   * @param path the names separated by {@code /}
   * @return the path
   * @throws IllegalArgumentException naming the offending name when one is {@code .} or
   *     {@code ..}, longer than 255 characters or has leading or trailing spaces
   */
  public static FolderPath parse(String path) {
    List<String> names = new ArrayList<>();
    for (String name : path.split("/")) {
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    try {
      return of(names);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("folder path '" + path + "': " + e.getMessage(), e);
    }
  }

  public static FolderPath of(String... names) {
    return of(List.of(names));
  }

  public static FolderPath of(List<String> names) {
    return ImmutableFolderPath.builder().names(names).build();
  }

  /** The empty path: the folder it is resolved against. */
  public static FolderPath root() {
    return ImmutableFolderPath.builder().build();
  }

  public boolean isRoot() {
    return names().isEmpty();
  }

  /** The last name; throws on the root. */
  public String name() {
    if (isRoot()) {
      throw new IllegalStateException("the root path has no name");
    }
    return names().get(names().size() - 1);
  }

  /** The path without its last name; throws on the root. */
  public FolderPath parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root path has no parent");
    }
    return of(names().subList(0, names().size() - 1));
  }

  /** This path with {@code name} appended. */
  public FolderPath resolve(String name) {
    List<String> longer = new ArrayList<>(names());
    longer.add(name);
    return of(longer);
  }

  @Value.Check
  void check() {
    for (String name : names()) {
      if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException(
            "folder names must be 1 to " + MAX_NAME_LENGTH + " characters: '" + name + "'");
      }
      if (name.indexOf('/') >= 0) {
        throw new IllegalArgumentException("folder name contains '/': '" + name + "'");
      }
      if (name.equals(".") || name.equals("..")) {
        // Frame.io would create a folder literally named ".."; a path that seems to climb out of
        // its root is a mistake (or worse) whatever it would do.
        throw new IllegalArgumentException("'" + name + "' is not allowed as a folder name");
      }
      if (!name.strip().equals(name)) {
        throw new IllegalArgumentException("folder name has leading or trailing spaces: '" + name + "'");
      }
    }
  }

  @Override
  public String toString() {
    return String.join("/", names());
  }
}
