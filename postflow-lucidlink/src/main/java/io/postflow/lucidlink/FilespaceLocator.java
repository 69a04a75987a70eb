package io.postflow.lucidlink;

import io.postflow.api.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where a LucidLink filespace is mounted, trying in order: the configured root; the
 * {@code lucid3}/{@code lucid} CLI ({@code list}, then {@code status} for the mount point) when it
 * is installed; the mount table. A CLI that is missing, fails or hangs (it is killed after its
 * timeout) only moves on to the next way; if none works, the exception says what each one found.
 *
 * <p>Immutable and thread-safe. {@link #locate()} blocks for at most a few CLI timeouts.
 */
public final class FilespaceLocator {
  private static final Logger log = LoggerFactory.getLogger(FilespaceLocator.class);

  private final Path root;
  private final String filespaceName;
  private final Optional<LucidCli> cli;
  private final Path mountTable;
  private final Clock clock;

  private FilespaceLocator(Builder b, Optional<LucidCli> cli) {
    this.root = b.root;
    this.filespaceName = b.filespaceName;
    this.cli = cli;
    this.mountTable = b.mountTable;
    this.clock = b.clock;
  }

  /** A builder; with no settings it asks the installed CLI, then the mount table. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Finds the filespace.
   *
   * @throws LucidLinkException when the configured root is not a directory, or when no way found
   *     a mounted filespace (the message lists what each way found)
   */
  public Filespace locate() {
    if (root != null && !Files.isDirectory(root)) {
      throw new LucidLinkException("configured filespace root " + root
          + " is not a directory (is the filespace mounted?)");
    }
    List<String> tried = new ArrayList<>();
    List<LucidInstance> instances = listInstances(tried);
    if (root != null) {
      return Filespace.of(root, Filespace.Source.CONFIGURED, instanceMountedAt(root, instances), clock);
    }
    for (LucidInstance i : instances) {
      if (filespaceName != null && !i.filespace().equals(filespaceName)) {
        continue;
      }
      try {
        Path mount = mountPoint(i);
        if (Files.isDirectory(mount)) {
          log.debug("Filespace {} of instance {} is mounted at {}", i.filespace(), i.id(), mount);
          return Filespace.of(mount, Filespace.Source.CLI, Optional.of(i), clock);
        }
        tried.add("CLI: instance " + i.id() + " (" + i.filespace() + ") reports mount point " + mount
            + ", which is not a directory");
      } catch (LucidLinkException e) {
        tried.add("CLI: " + e.getMessage());
      }
    }
    if (cli.isPresent() && instances.stream().noneMatch(this::wanted)) {
      tried.add("CLI: no running instance" + (filespaceName == null ? "" : " of filespace " + filespaceName));
    }
    Optional<Filespace> fromTable = fromMountTable(tried);
    if (fromTable.isPresent()) {
      return fromTable.get();
    }
    throw new LucidLinkException("LucidLink filespace" + (filespaceName == null ? "" : " " + filespaceName)
        + " not found; set the root explicitly. Tried: " + String.join("; ", tried));
  }

  /** Where the CLI says {@code i} is mounted; instances are only known when there is a CLI. */
  private Path mountPoint(LucidInstance i) {
    return cli.orElseThrow(() -> new LucidLinkException("no LucidLink CLI to ask where instance "
        + i.id() + " is mounted")).mountPoint(i.id());
  }

  private boolean wanted(LucidInstance i) {
    return filespaceName == null || i.filespace().equals(filespaceName);
  }

  private List<LucidInstance> listInstances(List<String> tried) {
    if (cli.isEmpty()) {
      tried.add("CLI: neither " + LucidCli.NAMES + " is installed");
      return List.of();
    }
    try {
      return cli.get().list();
    } catch (LucidLinkException e) {
      tried.add("CLI: " + e.getMessage());
      return List.of();
    }
  }

  /** For a configured root, the instance (if any) whose mount contains it gives sync evidence. */
  private Optional<LucidInstance> instanceMountedAt(Path dir, List<LucidInstance> instances) {
    Path abs = dir.toAbsolutePath().normalize();
    for (LucidInstance i : instances) {
      if (!wanted(i)) {
        continue;
      }
      try {
        if (abs.startsWith(mountPoint(i).toAbsolutePath().normalize())) {
          return Optional.of(i);
        }
      } catch (LucidLinkException e) {
        log.debug("Cannot read status of instance {}: {}", i.id(), e.getMessage());
      }
    }
    return Optional.empty();
  }

  private Optional<Filespace> fromMountTable(List<String> tried) {
    String table;
    try {
      table = Files.readString(mountTable, StandardCharsets.UTF_8);
    } catch (IOException e) {
      tried.add("mount table: cannot read " + mountTable + " (" + e.getMessage() + ")");
      return Optional.empty();
    }
    List<MountTable.Mount> mounts = MountTable.lucidMounts(table);
    for (MountTable.Mount m : mounts) {
      boolean named = filespaceName == null || m.device().contains(filespaceName)
          || String.valueOf(m.mountPoint().getFileName()).equals(filespaceName);
      if (named && Files.isDirectory(m.mountPoint())) {
        return Optional.of(Filespace.of(m.mountPoint(), Filespace.Source.MOUNT_TABLE, Optional.empty(), clock));
      }
    }
    tried.add("mount table: " + mounts.size() + " LucidLink mount(s) in " + mountTable
        + (mounts.isEmpty() ? "" : ", none matching and mounted"));
    return Optional.empty();
  }

  /** Builds a {@link FilespaceLocator}. Not thread-safe. */
  public static final class Builder {
    private Path root;
    private String filespaceName;
    private LucidCli cli;
    private boolean useCli = true;
    private Path mountTable = Path.of("/proc/self/mounts");
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The mount point (or a folder inside it) to use as is; tried first. */
    public Builder root(Path root) {
      this.root = root;
      return this;
    }

    /** Which filespace, e.g. {@code production.studio}, when several are mounted. */
    public Builder filespaceName(String name) {
      this.filespaceName = name;
      return this;
    }

    /** The CLI to ask; default {@code LucidCli.builder().buildIfInstalled()}. */
    public Builder cli(LucidCli cli) {
      this.cli = cli;
      return this;
    }

    /** Whether to ask the CLI at all; default true. */
    public Builder useCli(boolean useCli) {
      this.useCli = useCli;
      return this;
    }

    /** The mount table to read last; default {@code /proc/self/mounts}. */
    public Builder mountTable(Path mountTable) {
      this.mountTable = mountTable;
      return this;
    }

    /**
     * The clock the located filespace's {@link Filespace#syncEvidence()} times its back-off from
     * an unreachable LucidLink daemon on; default the system UTC clock.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** @throws ConfigurationException naming the setting that is invalid */
    public FilespaceLocator build() {
      if (clock == null) {
        throw new ConfigurationException("'clock' is required");
      }
      if (filespaceName != null && filespaceName.isBlank()) {
        throw new ConfigurationException("'filespaceName' must not be blank");
      }
      if (mountTable == null) {
        throw new ConfigurationException("'mountTable' must not be null");
      }
      if (root != null) {
        root = root.toAbsolutePath().normalize();
      }
      Optional<LucidCli> c = !useCli ? Optional.empty()
          : cli != null ? Optional.of(cli) : LucidCli.builder().buildIfInstalled();
      return new FilespaceLocator(this, c);
    }
  }
}
