package io.postflow.examples.exposer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The three calls a bucket exposer needs from your object storage. Implement it with your SDK; with
 * the AWS SDK v2, for example:
 *
 * <pre>{@code
 * put:     s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(file));
 * presign: presigner.presignGetObject(GetObjectPresignRequest.builder().signatureDuration(ttl)
 *              .getObjectRequest(g -> g.bucket(bucket).key(key)).build()).url().toURI();
 * delete:  s3.deleteObject(d -> d.bucket(bucket).key(key));
 * }</pre>
 */
public interface ObjectStore {
  /** Uploads {@code file} as {@code key}; blocks until stored. */
  void put(String key, Path file) throws IOException;

  /** A URL anyone can GET (with Range) for {@code ttl}; its query string is a secret. */
  URI presignGet(String key, Duration ttl) throws IOException;

  /** Deletes {@code key}; a missing key is not an error. */
  void delete(String key) throws IOException;
}
