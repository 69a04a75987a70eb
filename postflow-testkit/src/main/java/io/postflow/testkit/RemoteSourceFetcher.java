package io.postflow.testkit;

import io.postflow.api.Sleeper;
import io.postflow.testkit.RemoteBodyReader.End;
import io.postflow.testkit.RemoteBodyReader.Outcome;
import io.postflow.testkit.RemoteFetchException.Kind;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a {@code remote_upload} source over HTTP(S) the way a careful service would, so the
 * sandbox exercises what PostFlow's tunnel and file exposer really serve.
 *
 * <ul>
 *   <li>The first request is {@code GET} with {@code Range: bytes=0-(chunk-1)}: a 206 tells the
 *       size (from {@code Content-Range}) and that ranges work, in the same round trip a HEAD
 *       would cost. Larger files continue in consecutive ranges of {@code rangeChunkBytes}.</li>
 *   <li>A dropped connection, a body that ends short, a stall longer than {@code stallTimeout}
 *       or a transient status (408, 429, 5xx) is resumed from the first byte not yet received,
 *       after a doubling back-off, at most {@code maxResumes} times per fetch.</li>
 *   <li>A server that ignores {@code Range} and answers 200 is tolerated: the bytes already held
 *       are read and dropped from the new body, then the transfer continues. Correct, but it can
 *       cost a full re-read per resume; the resume limit bounds that.</li>
 *   <li>Size, {@code ETag} or {@code Last-Modified} changing between requests fails the fetch
 *       ({@code If-Range} is sent with a strong ETag so a changed file comes back whole and is
 *       recognised).</li>
 * </ul>
 *
 * <p>Bytes reach the sink in order, through one fixed buffer, with SHA-256 computed on the way;
 * memory does not grow with the file. Thread-safe: concurrent fetches share only the client.
 * {@link #fetch} blocks the calling thread until done.
 */
final class RemoteSourceFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteSourceFetcher.class);
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final Set<Integer> TRANSIENT = Set.of(408, 425, 429, 500, 502, 503, 504);

  private final HttpClient client;
  private final long rangeChunkBytes;
  private final int maxResumes;
  private final Duration stallTimeout;
  private final Duration baseBackoff;
  private final Sleeper sleeper;

  /** With a 100 ms first back-off and real sleeping. */
  RemoteSourceFetcher(HttpClient client, long rangeChunkBytes, int maxResumes,
      Duration stallTimeout) {
    this(client, rangeChunkBytes, maxResumes, stallTimeout, Duration.ofMillis(100),
        Sleeper.system());
  }

  /**
   * @throws IllegalArgumentException naming the argument that is out of range
   */
  RemoteSourceFetcher(HttpClient client, long rangeChunkBytes, int maxResumes,
      Duration stallTimeout, Duration baseBackoff, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    this.baseBackoff = Objects.requireNonNull(baseBackoff, "baseBackoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    if (rangeChunkBytes < 1) {
      throw new IllegalArgumentException(
          "rangeChunkBytes must be at least 1, was " + rangeChunkBytes);
    }
    if (maxResumes < 0) {
      throw new IllegalArgumentException("maxResumes must not be negative, was " + maxResumes);
    }
    if (stallTimeout.isZero() || stallTimeout.isNegative()) {
      throw new IllegalArgumentException("stallTimeout must be positive, was " + stallTimeout);
    }
    if (baseBackoff.isNegative()) {
      throw new IllegalArgumentException("baseBackoff must not be negative, was " + baseBackoff);
    }
    this.rangeChunkBytes = rangeChunkBytes;
    this.maxResumes = maxResumes;
  }

  /**
   * Fetches {@code source} into {@code sink} (which is not closed). Blocks until the whole body
   * is written or the fetch fails.
   *
   * @throws RemoteFetchException with a reason fit for {@code upload_failed}; on interrupt the
   *     thread's interrupt flag is set again and the kind is {@code INTERRUPTED}
   */
  FetchResult fetch(URI source, OutputStream sink) throws RemoteFetchException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    Transfer t = new Transfer(source, new RemoteBodyReader(BUFFER_BYTES, sha256(), sink,
        stallTimeout));
    try {
      while (t.total < 0 || t.received < t.total) {
        String problem = t.step();
        if (problem != null) {
          t.resume(problem);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteFetchException(Kind.INTERRUPTED,
          "fetch of " + t.name + " was interrupted after " + t.received + " bytes", e);
    }
    FetchResult result = new FetchResult(t.received,
        HexFormat.of().formatHex(t.reader.digest()), t.requests, t.resumes);
    LOG.debug("Fetched {}: {} bytes in {} requests, {} resumes", t.name, result.bytes(),
        result.requests(), result.resumes());
    return result;
  }

  /** The state of one fetch; every problem that may be resumed comes back as a string. */
  private final class Transfer {
    final URI source;
    final String name;
    final RemoteBodyReader reader;
    long received;
    long total = -1;
    boolean totalKnown;
    String etag;
    String lastModified;
    int requests;
    int resumes;
    Integer lastStatus;

    Transfer(URI source, RemoteBodyReader reader) {
      this.source = source;
      this.name = RemoteFetchException.redact(source);
      this.reader = reader;
    }

    /** One request; returns null when it moved the transfer on as planned, else the problem. */
    String step() throws RemoteFetchException, InterruptedException {
      String range = totalKnown
          ? "bytes=" + received + "-" + (received + Math.min(rangeChunkBytes, total - received) - 1)
          : received == 0 ? "bytes=0-" + (rangeChunkBytes - 1) : "bytes=" + received + "-";
      HttpRequest.Builder request = HttpRequest.newBuilder(source).GET().header("Range", range);
      if (etag != null && !etag.startsWith("W/")) {
        request.header("If-Range", etag);
      }
      requests++;
      LOG.debug("GET {} Range: {}", name, range);
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
      CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
          client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofPublisher());
      try {
        response = pending.get(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        return "no response headers within " + stallTimeout.toMillis() + " ms";
      } catch (ExecutionException e) {
        return "request failed: " + describe(e.getCause());
      } catch (InterruptedException e) {
        pending.cancel(true);
        throw e;
      }
      int status = response.statusCode();
      lastStatus = status;
      return switch (status) {
        case 206 -> partial(response);
        case 200 -> whole(response);
        default -> refused(response);
      };
    }

    private String partial(HttpResponse<Flow.Publisher<List<ByteBuffer>>> r)
        throws RemoteFetchException, InterruptedException {
      String header = r.headers().firstValue("Content-Range").orElse(null);
      ContentRange cr = ContentRange.parse(header).orElse(null);
      if (cr == null || cr.total() < 0) {
        RemoteBodyReader.discard(r.body());
        throw new RemoteFetchException(Kind.PROTOCOL, "206 from " + name
            + " has an unusable Content-Range header: " + header);
      }
      checkSameFile(r, cr.total());
      if (cr.first() != received) {
        RemoteBodyReader.discard(r.body());
        throw new RemoteFetchException(Kind.PROTOCOL, "206 from " + name + " starts at byte "
            + cr.first() + ", but byte " + received + " was asked for");
      }
      long expected = cr.last() - cr.first() + 1;
      long length = r.headers().firstValueAsLong("Content-Length").orElse(expected);
      if (length != expected) {
        RemoteBodyReader.discard(r.body());
        throw new RemoteFetchException(Kind.PROTOCOL, "206 from " + name + ": Content-Length "
            + length + " disagrees with Content-Range " + header);
      }
      return consume(r, 0, expected);
    }

    private String whole(HttpResponse<Flow.Publisher<List<ByteBuffer>>> r)
        throws RemoteFetchException, InterruptedException {
      long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (length >= 0) {
        checkSameFile(r, length);
      } else if (totalKnown) {
        RemoteBodyReader.discard(r.body());
        throw new RemoteFetchException(Kind.PROTOCOL, "200 from " + name
            + " to a Range request has no Content-Length: cannot tell it is the same file");
      }
      if (received > 0) {
        LOG.debug("{} ignored Range; dropping the {} bytes already held", name, received);
      }
      // The body starts at byte 0 whatever was asked: skip what the sink already has.
      return consume(r, received, totalKnown ? total - received : -1);
    }

    private String refused(HttpResponse<Flow.Publisher<List<ByteBuffer>>> r)
        throws RemoteFetchException {
      RemoteBodyReader.discard(r.body());
      int status = r.statusCode();
      if (TRANSIENT.contains(status)) {
        return "HTTP " + status;
      }
      if (status == 416) {
        Optional<ContentRange> cr = ContentRange.parse(r.headers().firstValue("Content-Range")
            .orElse(null));
        if (received == 0 && !totalKnown && cr.isPresent() && cr.get().total() == 0) {
          total = 0; // An empty source: no range of it can be satisfied.
          totalKnown = true;
          return null;
        }
        throw new RemoteFetchException(Kind.SOURCE_CHANGED, name + " answered 416 Range Not "
            + "Satisfiable at byte " + received + (totalKnown ? " of " + total : "")
            + ": the source is shorter than it was");
      }
      throw new RemoteFetchException(Kind.HTTP_STATUS, name + " answered HTTP " + status
          + (status >= 300 && status < 400 ? " (redirect not followed)" : ""));
    }

    private String consume(HttpResponse<Flow.Publisher<List<ByteBuffer>>> r, long skip,
        long limit) throws RemoteFetchException, InterruptedException {
      Outcome o = reader.read(r.body(), skip, limit);
      received += o.written();
      if (o.end() == End.COMPLETE && !totalKnown && limit < 0) {
        total = received; // A 200 without Content-Length ends where the body ends.
        totalKnown = true;
      }
      return switch (o.end()) {
        case COMPLETE -> limit >= 0 && o.written() < limit
            ? "body ended after " + o.written() + " of " + limit + " bytes" : null;
        case STALLED -> "no bytes for " + stallTimeout.toMillis() + " ms";
        case FAILED -> "connection failed: " + describe(o.error());
      };
    }

    /** The size and validators must match what the first answer said. */
    private void checkSameFile(HttpResponse<Flow.Publisher<List<ByteBuffer>>> r, long size)
        throws RemoteFetchException {
      String newEtag = r.headers().firstValue("ETag").orElse(null);
      String newModified = r.headers().firstValue("Last-Modified").orElse(null);
      String changed = null;
      if (totalKnown && size != total) {
        changed = "size " + total + " became " + size;
      } else if (etag != null && newEtag != null && !etag.equals(newEtag)) {
        changed = "ETag " + etag + " became " + newEtag;
      } else if (lastModified != null && newModified != null && !lastModified.equals(newModified)) {
        changed = "Last-Modified " + lastModified + " became " + newModified;
      }
      if (changed != null) {
        RemoteBodyReader.discard(r.body());
        throw new RemoteFetchException(Kind.SOURCE_CHANGED, name + " changed during the fetch ("
            + changed + ") after " + received + " bytes");
      }
      total = size;
      totalKnown = true;
      etag = etag == null ? newEtag : etag;
      lastModified = lastModified == null ? newModified : lastModified;
    }

    void resume(String problem) throws RemoteFetchException, InterruptedException {
      if (resumes >= maxResumes) {
        boolean status = problem.startsWith("HTTP ");
        throw new RemoteFetchException(status ? Kind.HTTP_STATUS : Kind.TOO_MANY_RESUMES,
            "gave up on " + name + " after " + requests + " requests and " + resumes
                + " resumes at byte " + received + (totalKnown ? " of " + total : "")
                + "; last problem: " + (status ? name + " answered " : "") + problem);
      }
      resumes++;
      Duration wait = baseBackoff.multipliedBy(1L << Math.min(resumes - 1, 5));
      LOG.debug("Resuming {} at byte {} in {} ms (resume {} of {}): {}", name, received,
          wait.toMillis(), resumes, maxResumes, problem);
      sleeper.sleep(wait);
    }
  }

  /**
   * The size of {@code source} from one {@code GET} of its first byte (a 206's
   * {@code Content-Range} total, or a 200's {@code Content-Length}), waiting at most
   * {@code timeout}; empty when the source does not tell. Never throws for the source's sake.
   */
  OptionalLong probeSize(URI source, Duration timeout) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(source).GET().header("Range", "bytes=0-0").timeout(timeout).build();
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
    try {
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> r = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      RemoteBodyReader.discard(r.body());
      if (r.statusCode() == 206) {
        Optional<ContentRange> range = ContentRange.parse(r.headers().firstValue("Content-Range").orElse(null));
        return range.isPresent() && range.get().total() >= 0 ? OptionalLong.of(range.get().total()) : OptionalLong.empty();
      }
      return r.statusCode() == 200 ? r.headers().firstValueAsLong("Content-Length") : OptionalLong.empty();
    } catch (TimeoutException | ExecutionException e) {
      pending.cancel(true);
      LOG.debug("Size probe of {} failed: {}", RemoteFetchException.redact(source), describe(e.getCause()));
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  /** {@code Content-Range: bytes first-last/total}, total -1 for {@code *}. */
  record ContentRange(long first, long last, long total) {
    static Optional<ContentRange> parse(String header) {
      if (header == null || !header.startsWith("bytes ")) {
        return Optional.empty();
      }
      try {
        String spec = header.substring(6).trim();
        int slash = spec.indexOf('/');
        String range = spec.substring(0, slash);
        String size = spec.substring(slash + 1);
        long total = "*".equals(size) ? -1 : Long.parseLong(size);
        if ("*".equals(range)) {
          return Optional.of(new ContentRange(-1, -1, total));
        }
        int dash = range.indexOf('-');
        long first = Long.parseLong(range.substring(0, dash));
        long last = Long.parseLong(range.substring(dash + 1));
        boolean valid = first >= 0 && last >= first && (total < 0 || last < total);
        return valid ? Optional.of(new ContentRange(first, last, total)) : Optional.empty();
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** A transport failure in a few words: exception type and message (never a URL query). */
  static String describe(Throwable t) {
    return t == null ? "unknown" : t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
