package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.FolderPath;
import io.postflow.api.Tunnel;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.api.Uploader;
import io.postflow.frameio.FileAsset;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioStructureManager;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.RemoteUploader;
import io.postflow.frameio.ResourceNotFoundException;
import io.postflow.frameio.VersionStack;
import io.postflow.tunnel.HttpFileExposer;
import io.postflow.tunnel.StaticUrlTunnel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow upload FILE...}: uploads files into a folder of a Frame.io project. Everything
 * that can be checked is checked before anything is created or sent: the files (present, readable,
 * not empty), the options, the tunnel, the credentials, the project, the {@code --stack-on} file
 * and the files already in the folder (same name and size: skipped with {@code --skip-existing},
 * refused otherwise). Only then is the folder created and are the files sent. Ctrl-C cancels the
 * upload in flight and deletes its placeholder, so no half file is left in Frame.io.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
    description = {"Upload files to Frame.io, into a folder of the project (created when missing).",
        "Checks everything first: nothing is created when a file, an option or the --stack-on file is wrong."})
final class UploadCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "the files to upload")
  List<Path> files;

  @Option(names = "--folder", paramLabel = "PATH", converter = FolderPaths.Converter.class,
      description = "folder below the project's root, e.g. WIP/SC01 (slashes are tidied; . and .. are refused)")
  FolderPath folder = FolderPath.root();

  @Option(names = "--project", paramLabel = "ID", description = "project id (default: FRAMEIO_PROJECT_ID, else the only project)")
  String projectId;

  @Option(names = "--account", paramLabel = "ID", description = "account id (default: FRAMEIO_ACCOUNT_ID, else the first account)")
  String accountId;

  @Option(names = "--stack-on", paramLabel = "FILE_ID", description = "stack the upload on this Frame.io file as its next version (one FILE only)")
  String stackOn;

  @Option(names = "--skip-existing", description = "skip files already in the folder with the same name and size (default: refuse)")
  boolean skipExisting;

  @Option(names = "--remote", description = "let Frame.io pull the file through a tunnel instead of sending it in parts")
  boolean remote;

  @Option(names = "--tunnel", paramLabel = "KIND", converter = TunnelChoice.Converter.class,
      description = "with --remote: cloudflared (default), ngrok, ssh, or static:URL (your own reverse proxy)")
  TunnelChoice tunnel;

  @Option(names = "--wait-transcode", description = "wait until Frame.io has transcoded each file")
  boolean waitTranscode;

  @Option(names = "--parts", paramLabel = "N", description = "parts sent at once, 1 to 64 (default ${DEFAULT-VALUE})")
  int parts = 6;

  @Option(names = "--sandbox", description = "upload to an in-process sandbox instead (to try the command)")
  boolean sandbox;

  @Option(names = "--json", description = "JSON lines: progress events, then one result per file")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Session session = root.session;
    List<LocalFile> locals = checkArguments();
    if (remote && !sandbox) {
      (tunnel == null ? TunnelChoice.parse("cloudflared") : tunnel).check(session.env);
    }
    try (Backend backend = Backend.open(sandbox, root)) {
      PrintStream info = json ? session.err : session.out;
      info.println("Backend: " + backend.description);
      FrameioTarget target = FrameioTarget.resolve(backend.client, sandbox, Optional.ofNullable(accountId),
          Optional.ofNullable(projectId), root);
      info.println("Project " + target.project.name() + " (" + target.project.id() + ") in account " + target.account.id());
      if (stackOn != null) {
        checkStackTarget(target.account);
      }
      Optional<String> existingFolder = FolderPaths.find(target.account, target.project.rootFolderId(), folder);
      List<LocalFile> toSend = withoutDuplicates(locals, target.account, existingFolder, info);
      if (toSend.isEmpty()) {
        info.println("Nothing to upload: every file is already in " + FolderPaths.shown(folder));
        return ExitCodes.OK;
      }
      String folderId = FrameioStructureManager.builder().client(backend.client).accountId(target.account.id()).build()
          .ensure(target.project.rootFolderId(), folder);
      info.println((existingFolder.isPresent() ? "Folder " : "Created folder ") + FolderPaths.shown(folder) + " -> " + folderId);
      return send(toSend, backend, target.account, folderId, session, info);
    }
  }

  /** One file to send, checked. */
  static final class LocalFile {
    final Path path;
    final String name;
    final long size;

    LocalFile(Path path, long size) {
      this.path = path;
      this.name = path.getFileName().toString();
      this.size = size;
    }
  }

  /** Checks the arguments alone: no network, no file written. */
  private List<LocalFile> checkArguments() throws IOException {
    if (tunnel != null && !remote) {
      throw CliException.usage("--tunnel only applies with --remote");
    }
    if (parts < 1 || parts > 64) {
      throw CliException.usage("--parts must be from 1 to 64, was " + parts);
    }
    if (stackOn != null && files.size() > 1) {
      throw CliException.usage("--stack-on stacks one file: give one FILE, not " + files.size());
    }
    List<LocalFile> checked = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        throw CliException.usage("cannot read '" + file + "': no such file");
      }
      if (!Files.isRegularFile(file)) {
        throw CliException.usage("cannot read '" + file + "': not a regular file");
      }
      if (!Files.isReadable(file)) {
        throw CliException.usage("cannot read '" + file + "': permission denied");
      }
      long size = Files.size(file);
      if (size == 0) {
        throw CliException.usage("'" + file + "' is empty (0 bytes): Frame.io refuses empty files, and a"
            + " 0-byte render is usually a placeholder still being written");
      }
      LocalFile local = new LocalFile(file, size);
      if (!names.add(local.name)) {
        throw CliException.usage("two files are named '" + local.name + "': they would land side by side in one folder");
      }
      checked.add(local);
    }
    return checked;
  }

  private void checkStackTarget(FrameioAccount account) {
    try {
      account.file(stackOn);
    } catch (ResourceNotFoundException e) {
      throw new CliException(ExitCodes.FAILED, "--stack-on " + stackOn + ": no such file in account "
          + account.id() + "; nothing was uploaded", "copy the id of the file to stack on from its Frame.io URL");
    }
  }

  /**
   * The files that are not already in the folder. A file there with the same name and size is the
   * same file when its original's SHA-256 is the local file's; before Frame.io has transcoded it
   * the original cannot be downloaded, and the name and size decide. A same-named file of another
   * size, or of other bytes, is a new render and is sent (it lands beside the old one, as Frame.io
   * allows).
   */
  private List<LocalFile> withoutDuplicates(List<LocalFile> locals, FrameioAccount account,
      Optional<String> folderId, PrintStream info) {
    if (folderId.isEmpty()) {
      return locals;
    }
    Map<String, List<FileAsset>> remote = new LinkedHashMap<>();
    account.files(folderId.get(), 100).forEach(f -> remote.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f));
    RemoteContent content = new RemoteContent();
    List<LocalFile> toSend = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    for (LocalFile local : locals) {
      Optional<String> duplicate = Optional.empty();
      for (FileAsset candidate : remote.getOrDefault(local.name, List.of())) {
        if (candidate.fileSize().isEmpty() || candidate.fileSize().getAsLong() != local.size) {
          continue;
        }
        Optional<Boolean> same = content.sameBytes(account, candidate, local.path);
        if (same.isEmpty()) {
          duplicate = Optional.of("file " + candidate.id() + ", same name and size; not transcoded yet, so its bytes"
              + " could not be compared");
          break;
        }
        if (same.get()) {
          duplicate = Optional.of("file " + candidate.id() + ", same name, size and SHA-256");
          break;
        }
        info.println("Note: " + local.name + " in " + FolderPaths.shown(folder) + " (file " + candidate.id()
            + ") has the same name and size but other bytes: sending this one beside it");
      }
      if (duplicate.isEmpty()) {
        toSend.add(local);
      } else if (skipExisting) {
        info.println("Skipped " + local.name + ": already in " + FolderPaths.shown(folder) + " (" + duplicate.get() + ")");
      } else {
        duplicates.add(local.name + " (" + duplicate.get() + ")");
      }
    }
    if (!duplicates.isEmpty()) {
      throw new CliException(ExitCodes.FAILED, "already in " + FolderPaths.shown(folder) + ": "
          + String.join(", ", duplicates) + "; nothing was uploaded",
          "add --skip-existing to upload only the others, or rename the file if it really is a new render");
    }
    return toSend;
  }

  private int send(List<LocalFile> toSend, Backend backend, FrameioAccount account, String folderId, Session session,
      PrintStream info) {
    long total = toSend.stream().mapToLong(f -> f.size).sum();
    ProgressDisplay.Mode mode = json ? ProgressDisplay.Mode.JSON
        : session.terminal ? ProgressDisplay.Mode.TERMINAL : ProgressDisplay.Mode.PLAIN;
    ProgressDisplay progress = new ProgressDisplay(session.out, session.clock, mode, total, toSend.size());
    int failures = 0;
    try (HttpFileExposer exposer = remote ? HttpFileExposer.builder().build() : null;
        UploaderResource uploader = uploader(backend, account.id(), exposer, session)) {
      for (LocalFile file : toSend) {
        info.printf("Uploading %s (%,d bytes, %s)%n", file.name, file.size,
            remote ? "Frame.io pulls it through the tunnel" : "in parts");
        UploadHandle handle = uploader.uploader.upload(UploadRequest.builder().file(file.path).folderId(folderId)
            .listener(progress.startFile(file.name, file.size)).build());
        try (CancelOnShutdown hook = CancelOnShutdown.register(handle, session.err)) {
          UploadResult result = handle.completion().join();
          Optional<VersionStack> stack = stackOn == null ? Optional.empty()
              : Optional.of(account.stackVersion(stackOn, result.fileId()));
          printResult(result, stack, session.out);
        } catch (CompletionException | CancellationException e) {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof CancellationException) {
            session.err.println("upload of " + file.name + " cancelled");
            return ExitCodes.INTERRUPTED;
          }
          failures++;
          session.err.println("upload of " + file.name + " failed: " + cause.getMessage());
        }
      }
    }
    return failures == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void printResult(UploadResult r, Optional<VersionStack> stack, PrintStream out) {
    if (json) {
      ObjectNode result = Json.MAPPER.createObjectNode();
      result.put("event", "uploaded");
      result.put("file", r.fileName());
      result.put("file_id", r.fileId());
      result.put("size", r.sizeBytes());
      result.put("media_type", r.mediaType());
      result.put("sha256", r.sha256());
      result.put("status", r.remoteStatus().toWire());
      result.put("seconds", r.duration().toMillis() / 1000.0);
      result.put("method", r.method().toString());
      stack.ifPresent(s -> result.put("version_stack_id", s.id()));
      out.println(Json.line(result));
      return;
    }
    out.println("Uploaded " + r.fileName());
    out.println("  file id     " + r.fileId());
    out.printf("  size        %,d bytes%n", r.sizeBytes());
    out.println("  media type  " + r.mediaType());
    out.println("  sha256      " + r.sha256());
    out.println("  status      " + r.remoteStatus().toWire());
    out.println("  duration    " + ProgressDisplay.duration(r.duration()) + " (" + r.method()
        + (r.attempts() > 1 ? ", " + r.attempts() + " attempts" : "") + ")");
    stack.ifPresent(s -> out.println("  stacked on  " + stackOn + " (version stack " + s.id() + ")"));
  }

  /** The uploader, and on close the tunnel it was given (an uploader never closes its tunnel). */
  private UploaderResource uploader(Backend backend, String account, HttpFileExposer exposer, Session session) {
    if (!remote) {
      LocalUploader local = LocalUploader.builder().client(backend.client).accountId(account)
          .waitForTranscode(waitTranscode).partConcurrency(parts).build();
      return new UploaderResource(local, local::close);
    }
    // The in-process sandbox fetches from this JVM: the exposer's loopback URL is "public" to it.
    Tunnel pull = backend.sandbox.isPresent()
        ? StaticUrlTunnel.builder().publicUrl(URI.create("http://127.0.0.1:" + exposer.localPort())).build()
        : (tunnel == null ? TunnelChoice.parse("cloudflared") : tunnel).create(session.env);
    RemoteUploader uploader = RemoteUploader.builder().client(backend.client).accountId(account)
        .waitForTranscode(waitTranscode).exposer(exposer).tunnel(pull).build();
    return new UploaderResource(uploader, () -> {
      uploader.close();
      pull.close();
    });
  }

  /** An uploader and what to close with it. */
  private static final class UploaderResource implements AutoCloseable {
    final Uploader uploader;
    private final Runnable close;

    UploaderResource(Uploader uploader, Runnable close) {
      this.uploader = uploader;
      this.close = close;
    }

    @Override
    public void close() {
      close.run();
    }
  }
}
