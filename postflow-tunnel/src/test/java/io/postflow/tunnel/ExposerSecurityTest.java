package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Exposure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the exposer over raw sockets: nothing may ever answer 5xx, serve a byte outside the
 * exposed file, or serve a byte of another file.
 */
class ExposerSecurityTest {
  @TempDir Path dir;
  private HttpFileExposer exposer;
  private byte[] exposed;
  private Exposure exposure;
  private String token;

  @BeforeEach
  void start() throws IOException {
    exposer = HttpFileExposer.builder().build();
    exposed = new byte[64 * 1024 + 7];
    new Random(42).nextBytes(exposed);
    Path served = Files.createDirectories(dir.resolve("public")).resolve("a.mov");
    Files.write(served, exposed);
    // Secrets next to and above the exposed file: a traversal would find these bytes.
    Files.writeString(dir.resolve("public/secret.txt"), "SECRET-SIBLING");
    Files.writeString(dir.resolve("secret.txt"), "SECRET-PARENT");
    exposure = exposer.expose(served);
    token = exposure.url().getRawPath().split("/")[2];
  }

  @AfterEach
  void stop() {
    exposer.close();
  }

  @Test
  void pathTraversal_inEveryEncoding_findsNothing() throws IOException {
    String t = "/f/" + token + "/";
    List<String> targets = List.of(
        t + "../secret.txt", t + "..%2Fsecret.txt", t + "%2e%2e/secret.txt", t + "%2E%2E%2Fsecret.txt",
        t + "..%5Csecret.txt", t + "..\\secret.txt", t + "%252e%252e%252fsecret.txt", t + "..%c0%afsecret.txt",
        t + "..%c1%9csecret.txt", t + "a.mov/../secret.txt", t + "a.mov%00.txt", t + "a.mov%2F..%2Fsecret.txt",
        t + "secret.txt", t + "./a.mov", t + "/a.mov", t + "a.mov/", t + "A.MOV", t + "a.mo%76x",
        "/f/" + token + "/../../secret.txt", "/f/../public/a.mov", "/f/" + token, "/f/" + token + "/",
        "/public/a.mov", "/a.mov", "/", "/f/", "/f//a.mov", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
        "/f/" + token + "%2Fa.mov", "/f/" + token + "/a.mov%", "/f/" + token + "/a.mov%zz", "/f/" + token + "x/a.mov",
        "/F/" + token + "/a.mov", "//f/" + token + "/a.mov", "/f/" + token.toUpperCase() + "/a.mov");
    for (String target : targets) {
      RawHttp.Response r = RawHttp.once(exposer.localPort(), "GET", target);
      assertThat(r.status).as(target).isIn(400, 404);
      assertThat(new String(r.body, StandardCharsets.ISO_8859_1)).as(target).doesNotContain("SECRET");
    }
    // The real name still works, with or without a (cosmetic) query string.
    assertThat(RawHttp.once(exposer.localPort(), "GET", t + "a.mov?x=../secret.txt").status).isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", t + "%61.mov").status).isEqualTo(200);
  }

  @Test
  void guessedTokens_neverMatch() throws IOException {
    Random random = new Random(7);
    byte[] bytes = new byte[16];
    for (int i = 0; i < 300; i++) {
      random.nextBytes(bytes);
      String guess = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertThat(RawHttp.once(exposer.localPort(), "GET", "/f/" + guess + "/a.mov").status).isEqualTo(404);
    }
    // One character off is as wrong as all of them.
    char last = token.charAt(21);
    String near = token.substring(0, 21) + (last == 'A' ? 'B' : 'A');
    assertThat(RawHttp.once(exposer.localPort(), "GET", "/f/" + near + "/a.mov").status).isEqualTo(404);
  }

  @Test
  void methodsOtherThanGetAndHead_are405AndServeNothing() throws IOException {
    for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "PROPFIND", "get", "Get")) {
      RawHttp.Response r = RawHttp.once(exposer.localPort(), method, exposure.url().getRawPath());
      assertThat(r.status).as(method).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    }
    assertThat(RawHttp.once(exposer.localPort(), "CONNECT", "example.com:443").status).isEqualTo(400);
    assertThat(exposure.bytesServed()).isZero();
  }

  /**
   * Property: for thousands of random and malformed Range headers the answer is 200 with the whole
   * file, 206 with exactly the bytes its Content-Range names, or 416 with {@code bytes *}{@code /size}.
   */
  @Test
  void randomRangeHeaders_neverServeAByteOutsideTheFileOrOfAnotherFile() throws IOException {
    Random random = new Random(20261121L);
    // A second exposure of another size and content, requested in turn on the same connection.
    byte[] other = new byte[10_001];
    new Random(43).nextBytes(other);
    Exposure second = exposer.expose(Files.write(dir.resolve("b.mov"), other));
    int partial = 0;
    int unsatisfiable = 0;
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      for (int i = 0; i < 3000; i++) {
        boolean first = random.nextBoolean();
        byte[] expected = first ? exposed : other;
        long size = expected.length;
        String range = randomRange(random, size);
        http.send("GET " + (first ? exposure : second).url().getRawPath() + " HTTP/1.1\r\nRange: " + range
            + "\r\n\r\n");
        RawHttp.Response r = http.read(false);
        assertThat(r).as(range).isNotNull();
        switch (r.status) {
          case 200:
            assertThat(r.body).as(range).isEqualTo(expected);
            break;
          case 206:
            partial++;
            String[] cr = r.header("Content-Range").replace("bytes ", "").split("[-/]");
            int from = Integer.parseInt(cr[0]);
            int to = Integer.parseInt(cr[1]);
            assertThat(Long.parseLong(cr[2])).isEqualTo(size);
            assertThat(from).isBetween(0, to);
            assertThat((long) to).isLessThan(size);
            assertThat(r.body).as(range).isEqualTo(Arrays.copyOfRange(expected, from, to + 1));
            break;
          case 416:
            unsatisfiable++;
            assertThat(r.header("Content-Range")).isEqualTo("bytes */" + size);
            break;
          default:
            throw new AssertionError("status " + r.status + " for Range: " + range);
        }
      }
    }
    // The generator must really reach both interesting outcomes, or the property proves little.
    assertThat(partial).isGreaterThan(500);
    assertThat(unsatisfiable).isGreaterThan(50);
  }

  @Test
  void randomGarbageRequests_neverGet5xxOrFileBytes() throws IOException {
    Random random = new Random(99);
    String good = exposure.url().getRawPath();
    for (int i = 0; i < 400; i++) {
      byte[] request = mutate(random, ("GET " + good + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-99\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      try (RawHttp http = new RawHttp(exposer.localPort())) {
        http.sendBytes(request);
        http.send("\r\n\r\n"); // complete any head the mutation left open
        RawHttp.Response r = http.read(false);
        if (r == null) {
          continue;
        }
        String sent = new String(request, StandardCharsets.ISO_8859_1);
        // 505 is only right for a well-formed version we do not speak (HTTP/1.3); anything else is < 500.
        boolean otherVersion = sent.split("\r\n")[0].matches(".* HTTP/[0-9]\\.[0-9]");
        assertThat(r.status).as(sent).matches(s -> s < 500 || (s == 505 && otherVersion));
        if (r.status == 200 || r.status == 206) {
          String[] cr = r.status == 206 ? r.header("Content-Range").replace("bytes ", "").split("[-/]") : null;
          int from = cr == null ? 0 : Integer.parseInt(cr[0]);
          assertThat(r.body).isEqualTo(Arrays.copyOfRange(exposed, from, from + r.body.length));
        }
      } catch (IOException e) {
        // a reset on garbage is fine; what matters is what was answered
      }
    }
  }

  private static byte[] mutate(Random random, byte[] request) {
    byte[] out = request.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static String randomRange(Random random, long size) {
    String[] junk = {"", " ", "-", "--", ",", "=", "bytes", "bytes=", "bytes=-", "bytes=--1", "bytes=1--2", "items=0-1",
        "bytes=0-1;2-3", "bytes=0x10-0x20", "bytes=+1-2", "bytes=1-+2", "bytes=\u00e9-1", "bytes= 1 - 2",
        "bytes=99999999999999999999999-", "bytes=-99999999999999999999999", "bytes=0-99999999999999999999999",
        "BYTES=0-0", "bytes=,,,", "bytes=0-0,", "bytes=9223372036854775807-", "bytes=-0", "bytes=0--0"};
    int kind = random.nextInt(10);
    if (kind == 0) {
      return junk[random.nextInt(junk.length)];
    }
    StringBuilder header = new StringBuilder(random.nextInt(8) == 0 ? "Bytes = " : "bytes=");
    int count = kind < 7 ? 1 : 1 + random.nextInt(kind == 9 ? 80 : 4);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        header.append(random.nextBoolean() ? "," : ", ");
      }
      long a = position(random, size);
      long b = position(random, size);
      switch (random.nextInt(4)) {
        case 0: header.append(a).append('-'); break;
        case 1: header.append('-').append(a); break;
        default: header.append(Math.min(a, b)).append('-').append(random.nextInt(20) == 0 ? Math.min(a, b) - 1 : Math.max(a, b));
      }
    }
    return header.toString();
  }

  private static long position(Random random, long size) {
    switch (random.nextInt(6)) {
      case 0: return random.nextInt(3);
      case 1: return size - 1 + random.nextInt(3) - 1;
      case 2: return size + random.nextInt(1000);
      default: return (long) (random.nextDouble() * size);
    }
  }
}
