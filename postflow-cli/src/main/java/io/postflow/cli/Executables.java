package io.postflow.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the programs PostFlow drives (tunnels, LucidLink's {@code lucid}) on PATH, for checks. */
final class Executables {
  private Executables() {}

  /** The first executable file named {@code name} in the directories of {@code PATH}. */
  static Optional<Path> find(String name, Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Where to get each program (docs/tunnels.md has the details). */
  static String installHint(String name) {
    switch (name) {
      case "cloudflared":
        return "install cloudflared (https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/)";
      case "ngrok":
        return "install ngrok (https://ngrok.com/download) and set NGROK_AUTHTOKEN";
      case "ssh":
        return "install an OpenSSH client (apt-get install openssh-client; macOS has one)";
      case "lucid":
        return "install the LucidLink client (https://www.lucidlink.com/download) and connect the filespace";
      default:
        return "install " + name + " or put it on PATH";
    }
  }
}
