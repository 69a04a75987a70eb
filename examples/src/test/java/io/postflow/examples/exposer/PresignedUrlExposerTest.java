package io.postflow.examples.exposer;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureOptions;
import io.postflow.api.UploadMethod;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.RemoteUploader;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RemoteSourceRules;
import io.postflow.testkit.TestFiles;
import io.postflow.tunnel.HttpFileExposer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom exposer of the examples, plugged into the real {@link RemoteUploader} with no tunnel:
 * the file goes into "your bucket" (here a folder served on loopback, standing in for S3 and its
 * presigned GETs), the sandbox pulls it from there, and the object is deleted afterwards.
 */
class PresignedUrlExposerTest {
  @TempDir Path dir;

  @Test
  void remoteUpload_throughABucketsPresignedUrl_needsNoTunnel_andCleansTheBucketUp() throws Exception {
    Path render = TestFiles.random(dir.resolve("UNDLM_00042_v002.mov"), 3_000_000, 42);
    try (LoopbackBucket bucket = new LoopbackBucket(Files.createDirectory(dir.resolve("bucket")));
        FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO)
            .remoteSources(RemoteSourceRules.lenient()).start(); // the stand-in bucket serves plain HTTP on loopback
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
        PresignedUrlExposer exposer = new PresignedUrlExposer(bucket, "postflow/");
        RemoteUploader uploader = RemoteUploader.builder().client(client).accountId(sandbox.accountId())
            .exposer(exposer).build()) {

      UploadResult result = uploader.upload(UploadRequest.of(render, sandbox.rootFolderId()))
          .completion().get(1, TimeUnit.MINUTES);

      assertThat(result.method()).isEqualTo(UploadMethod.REMOTE);
      assertThat(result.sha256()).isEqualTo(TestFiles.sha256(render));
      assertThat(sandbox.inspect().file(result.fileId()).orElseThrow().sha256()).isEqualTo(TestFiles.sha256(render));
      assertThat(bucket.puts).isEqualTo(1);
      assertThat(bucket.objects).as("revoking the exposure deleted the object").isEmpty();
    }
  }

  @Test
  void exposure_isPublic_andNeverShowsItsPresignedUrl() throws Exception {
    Path render = TestFiles.random(dir.resolve("A001.mov"), 1000, 1);
    try (LoopbackBucket bucket = new LoopbackBucket(Files.createDirectory(dir.resolve("bucket")));
        PresignedUrlExposer exposer = new PresignedUrlExposer(bucket, "p/")) {
      Exposure exposure = exposer.expose(render, ExposureOptions.ofDefaults(), io.postflow.api.ExposureListener.NONE);

      assertThat(exposer.localPort()).isEqualTo(-1);
      assertThat(exposure.isLocal()).isFalse();
      assertThat(exposure.toString()).doesNotContain(exposure.url().getRawPath());
      exposure.close();
      assertThat(bucket.objects).isEmpty();
    }
  }

  /**
   * A bucket on loopback: objects are files in a folder, and a "presigned GET" is an unguessable,
   * expiring URL to the object, served with Range support by PostFlow's own exposer.
   */
  static final class LoopbackBucket implements ObjectStore, AutoCloseable {
    final Map<String, Exposure> objects = new ConcurrentHashMap<>();
    final HttpFileExposer server = HttpFileExposer.builder().build();
    final Path root;
    int puts;

    LoopbackBucket(Path root) {
      this.root = root;
    }

    @Override
    public synchronized void put(String key, Path file) throws IOException {
      Path object = root.resolve(key.replace('/', '_'));
      Files.copy(file, object, StandardCopyOption.REPLACE_EXISTING);
      objects.put(key, server.expose(object));
      puts++;
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
      return objects.get(key).url();
    }

    @Override
    public void delete(String key) {
      Exposure gone = objects.remove(key);
      if (gone != null) {
        gone.revoke();
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
