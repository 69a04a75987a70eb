package io.postflow.cli;

import io.postflow.api.FolderPath;
import io.postflow.frameio.Folder;
import io.postflow.frameio.FrameioAccount;
import java.util.Optional;
import picocli.CommandLine;

/** {@code --folder}: read as typed ({@link FolderPath#parse}), looked up without creating anything. */
final class FolderPaths {
  private FolderPaths() {}

  /** picocli's converter: {@code /WIP/A/} is {@code WIP/A}; {@code ..} is refused with the reason. */
  static final class Converter implements CommandLine.ITypeConverter<FolderPath> {
    @Override
    public FolderPath convert(String value) {
      try {
        return FolderPath.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The folder's id when every folder of {@code path} exists already; reads only. */
  static Optional<String> find(FrameioAccount account, String rootFolderId, FolderPath path) {
    String current = rootFolderId;
    for (String name : path.names()) {
      String parent = current;
      Optional<Folder> child = account.folders(parent, 100).filter(f -> f.name().equals(name)).findFirst();
      if (child.isEmpty()) {
        return Optional.empty();
      }
      current = child.get().id();
    }
    return Optional.of(current);
  }

  /** For messages: the path, or "the project's root folder". */
  static String shown(FolderPath path) {
    return path.isRoot() ? "the project's root folder" : path.toString();
  }
}
