package io.postflow.cli;

import io.postflow.api.PostFlowException;
import io.postflow.api.Tunnel;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.api.Uploader;
import io.postflow.frameio.Account;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.FrameioStructureManager;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.Project;
import io.postflow.frameio.RemoteUploader;
import io.postflow.frameio.VersionStack;
import io.postflow.frameio.Workspace;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.tunnel.CloudflareQuickTunnel;
import io.postflow.tunnel.HttpFileExposer;
import io.postflow.tunnel.NgrokTunnel;
import io.postflow.tunnel.StaticUrlTunnel;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Uploads one file to Frame.io: the first thing a pipeline developer tries.
 *
 * <pre>
 * java ... UploadFile render.mov --folder WIP_BYSHOT/SC01_X/KRAK_00003 --sandbox
 * FRAMEIO_TOKEN=... java ... UploadFile render.mov [--project ID] [--account ID] [--stack-on FILE_ID]
 *     [--remote [--tunnel cloudflared|ngrok|static:URL]] [--wait-transcode] [--parts N]
 * </pre>
 *
 * <p>Credentials: {@code --sandbox} (the in-process sandbox), else {@code FRAMEIO_TOKEN}, else the
 * refresh token OAuthLogin stored ({@code --token-file}, default
 * {@code ~/.postflow/frameio-token.json}) with {@code FRAMEIO_CLIENT_ID} and
 * {@code FRAMEIO_CLIENT_SECRET}. The account and project default to the first the token sees.
 * No token or presigned URL is ever printed. Ctrl-C cancels the upload and deletes the placeholder.
 * Exit codes: 0 uploaded, 1 the upload or the service failed, 2 bad usage or unreadable file.
 */
public final class UploadFile {
  private UploadFile() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.in, System.out, System.err));
  }

  /** The whole program, testable: returns the exit code instead of exiting. */
  static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return run(args, env, out, err, FrameioSandbox::start, true);
  }

  /** As above; {@code --sandbox} uses {@code sandboxes}, closed at the end when {@code ownsSandbox}. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
      Supplier<FrameioSandbox> sandboxes, boolean ownsSandbox) {
    UploadOptions options;
    UploadBackend backend;
    try {
      options = UploadOptions.parse(args);
      checkReadable(options.file);
      backend = UploadBackend.choose(options, env, sandboxes, ownsSandbox);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(UploadOptions.USAGE);
      return 2;
    }
    try (backend) {
      out.println("Backend: " + backend.description);
      return upload(options, backend, env, out, err);
    } catch (PostFlowException e) {
      err.println("upload failed: " + e.getMessage());
      return 1;
    }
  }

  private static int upload(UploadOptions options, UploadBackend backend, Map<String, String> env,
      PrintStream out, PrintStream err) {
    try (FrameioClient client = FrameioClient.builder()
        .baseUri(backend.baseUri).authenticator(backend.authenticator).build()) {
      String accountId = options.accountId.orElseGet(() -> firstAccount(client));
      FrameioAccount account = client.account(accountId);
      Project project = options.projectId.map(account::project).orElseGet(() -> firstProject(account));
      out.println("Project " + project.name() + " (" + project.id() + ") in account " + accountId);
      String folderId = FrameioStructureManager.builder().client(client).accountId(accountId).build()
          .ensure(project.rootFolderId(), options.folder);
      out.println("Folder " + (options.folder.isRoot() ? "(project root)" : options.folder) + " -> " + folderId);

      UploadResult result;
      try (HttpFileExposer exposer = options.remote ? HttpFileExposer.builder().build() : null;
          UploaderResource uploader = uploader(options, client, accountId, exposer, backend.sandbox.isPresent(), env)) {
        out.printf("Uploading %s (%,d bytes, %s)%n", options.file.getFileName(), Files.size(options.file),
            options.remote ? "Frame.io pulls it through the tunnel" : "multipart PUTs");
        UploadHandle handle = uploader.uploader.upload(UploadRequest.builder().file(options.file).folderId(folderId)
            .listener(new ProgressPrinter(out, Clock.systemUTC(), ProgressPrinter.INTERVAL)).build());
        try (CancelOnShutdown hook = CancelOnShutdown.register(handle, err)) {
          result = handle.completion().join();
        }
      }
      printResult(result, out);
      if (options.stackOn.isPresent()) {
        VersionStack stack = account.stackVersion(options.stackOn.get(), result.fileId());
        out.println("Stacked on " + options.stackOn.get() + " in version stack " + stack.id());
      }
      return 0;
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof CancellationException) {
        err.println("upload cancelled");
      } else {
        err.println("upload failed: " + cause.getMessage());
      }
      return 1;
    } catch (CancellationException e) {
      err.println("upload cancelled");
      return 1;
    } catch (java.io.IOException e) {
      err.println("cannot read file '" + options.file + "': " + e.getMessage());
      return 2;
    }
  }

  private static void printResult(UploadResult r, PrintStream out) {
    out.println("Uploaded " + r.fileName());
    out.println("  file id     " + r.fileId());
    out.printf("  size        %,d bytes%n", r.sizeBytes());
    out.println("  media type  " + r.mediaType());
    out.println("  sha256      " + r.sha256());
    out.println("  status      " + r.remoteStatus().toWire());
    out.println("  duration    " + ProgressPrinter.duration(r.duration()) + " (" + r.method()
        + (r.attempts() > 1 ? ", " + r.attempts() + " attempts" : "") + ")");
  }

  /** The uploader, and on close the tunnel it was given (an uploader never closes its tunnel). */
  private static UploaderResource uploader(UploadOptions options, FrameioClient client, String accountId,
      HttpFileExposer exposer, boolean sandbox, Map<String, String> env) {
    if (!options.remote) {
      LocalUploader local = LocalUploader.builder().client(client).accountId(accountId)
          .waitForTranscode(options.waitTranscode).partConcurrency(options.parts).build();
      return new UploaderResource(local, local::close);
    }
    Tunnel tunnel = sandbox ? loopbackTunnel(exposer) : tunnel(options.tunnel.orElse("cloudflared"), env);
    RemoteUploader remote = RemoteUploader.builder().client(client).accountId(accountId)
        .waitForTranscode(options.waitTranscode).exposer(exposer).tunnel(tunnel).build();
    return new UploaderResource(remote, () -> {
      remote.close();
      tunnel.close();
    });
  }

  /** The sandbox runs in this JVM and can fetch the exposer directly: its "public" URL is the local one. */
  private static Tunnel loopbackTunnel(HttpFileExposer exposer) {
    return StaticUrlTunnel.builder().publicUrl(URI.create("http://127.0.0.1:" + exposer.localPort())).build();
  }

  private static Tunnel tunnel(String kind, Map<String, String> env) {
    if (kind.equals("ngrok")) {
      return NgrokTunnel.builder().authtoken(env.get("NGROK_AUTHTOKEN")).build();
    }
    if (kind.startsWith("static:")) {
      return StaticUrlTunnel.builder().publicUrl(URI.create(kind.substring("static:".length()))).build();
    }
    return CloudflareQuickTunnel.builder().build();
  }

  private static String firstAccount(FrameioClient client) {
    return client.accounts().stream().findFirst().map(Account::id)
        .orElseThrow(() -> new PostFlowException("this token sees no Frame.io account; pass --account"));
  }

  private static Project firstProject(FrameioAccount account) {
    for (Workspace workspace : account.workspaces()) {
      Optional<Project> first = account.projects(workspace.id()).stream().findFirst();
      if (first.isPresent()) {
        return first.get();
      }
    }
    throw new PostFlowException("account " + account.id() + " has no project this token can see; pass --project");
  }

  private static void checkReadable(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("cannot read file '" + file + "': it does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read file '" + file + "': it is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read file '" + file + "': permission denied");
    }
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
