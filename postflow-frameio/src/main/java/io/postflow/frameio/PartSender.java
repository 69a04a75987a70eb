package io.postflow.frameio;

import io.postflow.frameio.internal.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUTs one part to its presigned URL, exactly as S3 wants it, and retries that part alone.
 *
 * <p>The request: the URL as given ({@link URI#create}, never re-encoded), {@code Content-Type}
 * exactly the media type {@code local_upload} returned, {@code x-amz-acl: private}, a real
 * {@code Content-Length} (a length-known publisher: chunked bodies get 501 from S3) and no
 * {@code Authorization} (the HTTP client used here has no authenticator). Every attempt re-reads
 * the part from its offset.
 *
 * <p>Retried: no answer (reset, timeout), 408, 429, 5xx and 403 (S3 answers 403 for clock skew,
 * and an expired URL is retried a few times before the caller starts over). Anything else is a
 * mistake that a retry cannot fix, except one case: a retry answered 404 {@code NoSuchUpload}
 * after an attempt that sent the whole part but lost its answer. That earlier attempt completed
 * the upload (the last part in does), so the part counts as sent, with the bytes of that attempt;
 * the confirmation that follows every upload checks it really is complete. Never sent again. Thread-safe: one instance serves every part of an upload.
 */
final class PartSender {
  private static final Logger LOG = LoggerFactory.getLogger(PartSender.class);
  private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
  /** What is kept of an answer's body: S3's error document puts its {@code <Code>} first. */
  static final int BODY_KEPT_BYTES = 4096;

  private final HttpClient http;
  private final Duration partTimeout;
  private final UploadBackoff backoff;

  PartSender(HttpClient http, Duration partTimeout, UploadBackoff backoff) {
    this.http = http;
    this.partTimeout = partTimeout;
    this.backoff = backoff;
  }

  /**
   * Sends {@code part}, retrying it, and returns the CRC32C of the bytes of the attempt that
   * succeeded.
   *
   * @param afterRead runs after each buffer read for the request (progress; must be cheap)
   * @param inFlight where the running request is registered so that cancel can abort it
   * @param resumed whether the upload was taken up from an earlier process: a 404
   *     {@code NoSuchUpload} then means its parts were all in already
   * @throws PartRejectedException when the part failed for good
   * @throws CancellationException when the upload was cancelled
   */
  long send(PartPlan part, int totalParts, FileChannel channel, String mediaType,
      AtomicLong sentCounter, Runnable afterRead, UploadInFlight inFlight, UploadWakeup wakeup,
      boolean resumed) throws PartRejectedException, InterruptedException {
    BooleanSupplier cancelled = wakeup::isCancelled;
    long sentWithoutAnswerCrc = -1; // CRC of a whole part whose answer was lost, or -1
    for (int attempt = 1; ; attempt++) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("upload cancelled");
      }
      // A fresh stream whenever the client asks for the body, so that a body it had to start
      // again is read again from the part's offset; the last one is the one that was sent.
      AtomicReference<PartStream> body = new AtomicReference<>();
      Supplier<PartStream> fromOffset = () -> {
        PartStream stream = new PartStream(channel, part, sentCounter, cancelled, afterRead);
        body.set(stream);
        return stream;
      };
      HttpRequest request = HttpRequest.newBuilder(URI.create(part.url()))
          .timeout(partTimeout)
          .header("Content-Type", mediaType)
          .header("x-amz-acl", "private")
          .PUT(HttpRequest.BodyPublishers.fromPublisher(new PartBody(fromOffset), part.size()))
          .build();
      int status = 0;
      String code = null;
      Throwable failure = null;
      CompletableFuture<HttpResponse<String>> call =
          http.sendAsync(request, info -> new BodyStart(BODY_KEPT_BYTES));
      try {
        HttpResponse<String> response = inFlight.await(call, partTimeout);
        status = response.statusCode();
        if (status / 100 == 2) {
          LOG.debug("{} accepted (HTTP {}, attempt {})", part, status, attempt);
          return body.get().crc();
        }
        code = s3Code(response.body());
        if (status == 404 && "NoSuchUpload".equals(code) && sentWithoutAnswerCrc >= 0) {
          LOG.debug("{}: the upload is complete; attempt {} had sent the whole part but its answer"
              + " was lost", part, attempt - 1);
          return sentWithoutAnswerCrc;
        }
        if (status == 404 && "NoSuchUpload".equals(code) && resumed && body.get() != null
            && body.get().whole()) {
          // A resumed upload (a process killed after its parts landed) finds the upload closed:
          // its parts are all in. Confirmation, which follows, checks that Frame.io agrees.
          LOG.debug("{}: the upload was already complete when it was resumed", part);
          return body.get().crc();
        }
      } catch (ExecutionException e) {
        failure = e.getCause() == null ? e : e.getCause();
      } catch (TimeoutException e) {
        failure = new HttpTimeoutException("no complete answer within the part timeout of "
            + partTimeout);
      } catch (CancellationException e) {
        throw new CancellationException("upload cancelled");
      }
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("upload cancelled");
      }
      boolean retryable = failure != null
          ? failure instanceof IOException
          : status == 403 || status == 408 || status == 429 || status >= 500;
      if (failure != null && body.get() != null && body.get().whole()) {
        sentWithoutAnswerCrc = body.get().crc(); // the bytes may have landed: S3 may say so next
      }
      if (!retryable || attempt >= backoff.maxAttempts()) {
        throw new PartRejectedException(part, totalParts, status, code, attempt, retryable, failure);
      }
      Duration delay = backoff.delayAfter(attempt);
      LOG.debug("{} attempt {} failed ({}); retrying in {} ms", part, attempt,
          failure != null ? failure.getClass().getSimpleName() : "HTTP " + status
              + (code == null ? "" : " " + code), delay.toMillis());
      wakeup.pause(delay);
    }
  }

  /** Only S3's {@code <Code>} is quoted, masked: a proxy answering instead may put anything there. */
  private static String s3Code(String body) {
    if (body == null) {
      return null;
    }
    Matcher matcher = S3_CODE.matcher(body);
    return matcher.find() ? Redaction.text(matcher.group(1)) : null;
  }

  /**
   * Keeps the first {@code limit} bytes of an answer's body and hangs up after them, so that a
   * proxy's huge (or endless) error page costs neither memory nor the part timeout. The client
   * calls it serially.
   */
  static final class BodyStart implements HttpResponse.BodySubscriber<String> {
    private final byte[] kept;
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int size;

    BodyStart(int limit) {
      this.kept = new byte[limit];
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
      subscription = value;
      value.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int n = Math.min(buffer.remaining(), kept.length - size);
        buffer.get(kept, size, n);
        size += n;
      }
      if (size == kept.length && !body.isDone()) {
        subscription.cancel();
        onComplete();
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }
  }
}
