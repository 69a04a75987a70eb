package io.postflow.cli;

import io.postflow.api.FolderPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of {@link UploadFile}; {@link #parse} names whatever it cannot accept. */
final class UploadOptions {
  static final String USAGE = "usage: UploadFile <file> [--folder A/B/C] [--project ID] [--account ID]"
      + " [--stack-on FILE_ID] [--remote [--tunnel cloudflared|ngrok|static:URL]] [--wait-transcode]"
      + " [--parts N] [--token-file FILE] [--sandbox]";

  Path file;
  FolderPath folder = FolderPath.root();
  Optional<String> projectId = Optional.empty();
  Optional<String> accountId = Optional.empty();
  Optional<String> stackOn = Optional.empty();
  boolean remote;
  Optional<String> tunnel = Optional.empty();
  boolean waitTranscode;
  int parts = 6;
  boolean sandbox;
  Optional<Path> tokenFile = Optional.empty();

  private UploadOptions() {}

  /** @throws IllegalArgumentException naming the option or value that is wrong */
  static UploadOptions parse(String[] args) {
    UploadOptions o = new UploadOptions();
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      switch (arg) {
        case "--folder": o.folder = folder(value(arg, rest)); break;
        case "--project": o.projectId = Optional.of(value(arg, rest)); break;
        case "--account": o.accountId = Optional.of(value(arg, rest)); break;
        case "--stack-on": o.stackOn = Optional.of(value(arg, rest)); break;
        case "--remote": o.remote = true; break;
        case "--tunnel": o.tunnel = Optional.of(tunnel(value(arg, rest))); break;
        case "--wait-transcode": o.waitTranscode = true; break;
        case "--parts": o.parts = parts(value(arg, rest)); break;
        case "--token-file": o.tokenFile = Optional.of(Path.of(value(arg, rest))); break;
        case "--sandbox": o.sandbox = true; break;
        default:
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option '" + arg + "'");
          }
          if (o.file != null) {
            throw new IllegalArgumentException("one file at a time: '" + o.file + "' and '" + arg + "'");
          }
          o.file = Path.of(arg);
      }
    }
    if (o.file == null) {
      throw new IllegalArgumentException("no file given");
    }
    if (o.tunnel.isPresent() && !o.remote) {
      throw new IllegalArgumentException("--tunnel only applies with --remote");
    }
    return o;
  }

  private static FolderPath folder(String path) {
    try {
      return FolderPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--folder '" + path + "': " + e.getMessage(), e);
    }
  }

  private static String tunnel(String kind) {
    if (kind.equals("cloudflared") || kind.equals("ngrok") || kind.startsWith("static:")) {
      return kind;
    }
    throw new IllegalArgumentException("--tunnel must be cloudflared, ngrok or static:<url>, was '" + kind + "'");
  }

  private static int parts(String n) {
    try {
      int parts = Integer.parseInt(n);
      if (parts >= 1 && parts <= 64) {
        return parts;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new IllegalArgumentException("--parts must be a whole number from 1 to 64, was '" + n + "'");
  }

  private static String value(String option, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.remove(0);
  }
}
