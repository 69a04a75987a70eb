package io.postflow.lucidlink;

import io.postflow.api.ConfigurationException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LucidLink command line client ({@code lucid3} for LucidLink 3, {@code lucid} for classic),
 * wrapped so that it can never hang the caller: every command has a timeout after which its whole
 * process tree is killed, and every failure is a {@link LucidLinkException} naming the command,
 * the exit code and the last lines it printed.
 *
 * <p>Immutable and thread-safe; each call runs one short process and blocks until it ends or
 * times out.
 *
 * <pre>{@code
 * LucidCli cli = LucidCli.builder().build();            // finds lucid3, then lucid, on PATH
 * for (LucidInstance i : cli.list()) {
 *   Path mount = cli.mountPoint(i.id());
 * }
 * }</pre>
 */
public final class LucidCli {
  private static final Logger log = LoggerFactory.getLogger(LucidCli.class);
  /** Searched in this order: LucidLink 3 first, then the classic client. */
  static final List<String> NAMES = List.of("lucid3", "lucid");

  private final Path executable;
  private final Duration timeout;
  private final OptionalInt instance;

  private LucidCli(Path executable, Duration timeout, OptionalInt instance) {
    this.executable = executable;
    this.timeout = timeout;
    this.instance = instance;
  }

  /** A builder; by default finds {@code lucid3}, then {@code lucid}, on {@code PATH}, with a 10 s timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /** The binary this wrapper runs. */
  public Path executable() {
    return executable;
  }

  /**
   * Runs {@code lucid list}: the running instances, possibly none.
   *
   * @throws LucidLinkException when the command fails, times out or prints a table it cannot read
   */
  public List<LucidInstance> list() {
    String shown = executable.getFileName() + " list";
    ProcessRunner.Result r = runChecked(List.of("list"));
    try {
      return CliOutput.parseList(r.stdout(), shown);
    } catch (io.postflow.api.InvalidInputException e) {
      throw new LucidLinkException("cannot read the output of '" + shown + "': " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code lucid --instance N status} and returns its {@code Key: value} lines in order.
   *
   * @throws LucidLinkException when the command fails or times out
   */
  public Map<String, String> status(int instanceId) {
    return CliOutput.parseStatus(runChecked(List.of("--instance", String.valueOf(instanceId), "status")).stdout());
  }

  /**
   * The {@code Mount point:} of an instance.
   *
   * @throws LucidLinkException when the command fails or its status shows no mount point
   */
  public Path mountPoint(int instanceId) {
    Map<String, String> status = status(instanceId);
    String mount = CliOutput.field(status, "mountpoint", "mountpath");
    if (mount == null || mount.isBlank()) {
      throw new LucidLinkException("'" + executable.getFileName() + " --instance " + instanceId
          + " status' shows no 'Mount point:' line; it printed keys " + status.keySet());
    }
    return Path.of(mount);
  }

  /**
   * Pins {@code path} (a file or folder inside the filespace) so LucidLink keeps it, and new files
   * in a pinned folder, in the local cache: {@code lucid [--instance N] pin --set PATH}.
   *
   * @throws LucidLinkException when the command fails or times out
   */
  public void pin(Path path) {
    runChecked(withInstance("pin", "--set", path.toString()));
  }

  /**
   * Removes a pin: {@code lucid [--instance N] pin --unset PATH}.
   *
   * @throws LucidLinkException when the command fails or times out
   */
  public void unpin(Path path) {
    runChecked(withInstance("pin", "--unset", path.toString()));
  }

  private List<String> withInstance(String... args) {
    List<String> a = new ArrayList<>();
    instance.ifPresent(i -> {
      a.add("--instance");
      a.add(String.valueOf(i));
    });
    a.addAll(List.of(args));
    return a;
  }

  private ProcessRunner.Result runChecked(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    ProcessRunner.Result r = ProcessRunner.run(command, timeout);
    if (r.exitCode() != 0) {
      throw new LucidLinkException("'" + executable.getFileName() + " " + String.join(" ", args)
          + "' failed with exit code " + r.exitCode() + ProcessRunner.tail(r.stderr() + "\n" + r.stdout()));
    }
    return r;
  }

  @Override
  public String toString() {
    return "LucidCli[" + executable + "]";
  }

  /** Builds a {@link LucidCli}. Not thread-safe. */
  public static final class Builder {
    private Path executable;
    private List<Path> searchPath;
    private Duration timeout = Duration.ofSeconds(10);
    private OptionalInt instance = OptionalInt.empty();

    private Builder() {}

    /** The binary to run; default: {@code lucid3}, then {@code lucid}, on the search path. */
    public Builder executable(Path executable) {
      this.executable = executable;
      return this;
    }

    /** Where to look for the binary; default the {@code PATH} environment variable. */
    public Builder searchPath(List<Path> directories) {
      this.searchPath = List.copyOf(directories);
      return this;
    }

    /** The longest any one command may run before it is killed; default 10 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The instance that {@code pin}/{@code unpin} address, when more than one is running. */
    public Builder instance(int instanceId) {
      this.instance = OptionalInt.of(instanceId);
      return this;
    }

    /**
     * @throws ConfigurationException when a setting is invalid or the configured executable is
     *     not an executable file
     * @throws LucidLinkException when no executable is configured and none is on the search path
     */
    public LucidCli build() {
      validate();
      Path exe = executable != null ? executable : find().orElseThrow(() -> new LucidLinkException(
          "LucidLink CLI not found: no " + NAMES + " in " + searchDirs()
              + "; install LucidLink or set 'executable'"));
      return new LucidCli(exe, timeout, instance);
    }

    /** Like {@link #build()}, but empty instead of an exception when no CLI is installed. */
    public Optional<LucidCli> buildIfInstalled() {
      validate();
      Optional<Path> exe = executable != null ? Optional.of(executable) : find();
      return exe.map(e -> new LucidCli(e, timeout, instance));
    }

    private void validate() {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new ConfigurationException("'timeout' must be positive, was " + timeout);
      }
      if (executable != null && !(Files.isRegularFile(executable) && Files.isExecutable(executable))) {
        throw new ConfigurationException("'executable' is not an executable file: " + executable);
      }
    }

    private Optional<Path> find() {
      for (String name : NAMES) {
        for (Path dir : searchDirs()) {
          Path candidate = dir.resolve(name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            log.debug("Using LucidLink CLI {}", candidate);
            return Optional.of(candidate);
          }
        }
      }
      return Optional.empty();
    }

    private List<Path> searchDirs() {
      if (searchPath != null) {
        return searchPath;
      }
      String env = System.getenv("PATH");
      List<Path> dirs = new ArrayList<>();
      if (env != null) {
        for (String d : env.split(File.pathSeparator)) {
          if (!d.isBlank()) {
            dirs.add(Path.of(d));
          }
        }
      }
      return dirs;
    }
  }
}
