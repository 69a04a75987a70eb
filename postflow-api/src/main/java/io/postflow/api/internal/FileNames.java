package io.postflow.api.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Internal, not API: may change in any release. File names as the file system holds them, whatever
 * the locale the JVM started in.
 *
 * <p>On Linux a name is bytes, and Java turns them into a {@code String} with the encoding of the
 * locale the JVM started in ({@code sun.jnu.encoding}). Under a C or POSIX locale (a service
 * started by systemd or cron, a container without locales) that is ASCII, and {@code Scène_01.mov}
 * (bytes {@code 53 63 C3 A8 ...}) becomes {@code Sc\ufffd\ufffdne_01.mov}: a string that names no
 * file ({@code Path.of} refuses it) and that other names share. A {@link Path} keeps the bytes; a
 * {@code file:} URI carries them percent-encoded, which is how these methods reach them when the
 * string cannot. Most names take the fast way: the string, checked to give the same path back.
 *
 * <p>{@link #bytes} and {@link #path(FileSystem, byte[])} are exact inverses, for any name. The
 * text forms decode the bytes as UTF-8, the encoding macOS, Windows (through Java) and every
 * current Linux desktop write names in: {@code Scène_01.mov} reads the same under every locale.
 * Names that are not UTF-8 (a Latin-1 {@code E8}) get U+FFFD in their text form: use the bytes
 * where they must round-trip. On file systems that are not the platform's Unix one (Windows,
 * in-memory ones) a path's string is already exact, and these are its UTF-8 form.
 */
public final class FileNames {
  private static final FileSystem DEFAULT = FileSystems.getDefault();
  private static final boolean UNIX = DEFAULT.supportedFileAttributeViews().contains("unix");
  /** What the JDK's Unix file system encodes names with (its {@code Util.jnuEncoding()}). */
  private static final Charset NATIVE = nativeCharset();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FileNames() {}

  /** The bytes the file system holds for {@code path} (relative or absolute), whatever the locale. */
  public static byte[] bytes(Path path) {
    String s = path.toString();
    if (!exactBytes(path)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      if (path.getFileSystem().getPath(s).equals(path)) {
        return s.getBytes(NATIVE); // the string spells the path: Unix paths compare by bytes
      }
    } catch (InvalidPathException e) {
      // the locale cannot spell it: below
    }
    return bytesFromUri(path);
  }

  /**
   * The path whose bytes are {@code bytes} on {@code fs}, the inverse of {@link #bytes}.
   *
   * @throws InvalidPathException when no path has these bytes (a NUL byte)
   */
  public static Path path(FileSystem fs, byte[] bytes) {
    if (fs != DEFAULT || !UNIX) {
      return fs.getPath(new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      String s = NATIVE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      if (Arrays.equals(s.getBytes(NATIVE), bytes)) {
        return fs.getPath(s);
      }
    } catch (CharacterCodingException | InvalidPathException e) {
      // the locale cannot spell it: below
    }
    return pathFromUri(fs, bytes);
  }

  /** {@code path} as text: its bytes decoded as UTF-8, the same under every locale. */
  public static String text(Path path) {
    return exactBytes(path) ? new String(bytes(path), StandardCharsets.UTF_8) : path.toString();
  }

  /**
   * The path on {@code fs} that {@code text} names, its names encoded as UTF-8: the inverse of
   * {@link #text} for every UTF-8 name, under any locale.
   *
   * @throws InvalidPathException when {@code text} cannot name a path
   */
  public static Path path(FileSystem fs, String text) {
    return fs != DEFAULT || !UNIX ? fs.getPath(text) : path(fs, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether paths of this file system are bytes that their strings may not spell. */
  private static boolean exactBytes(Path path) {
    return UNIX && path.getFileSystem() == DEFAULT;
  }

  private static byte[] bytesFromUri(Path path) {
    // toUri() makes the path absolute and adds a '/' to a directory's: take both off again.
    Path absolute = path.isAbsolute() ? path : path.getFileSystem().getPath("/").resolve(path);
    String raw = absolute.toUri().getRawPath();
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
        i += 2;
      } else {
        out.write(c); // the rest of a URI's raw path is ASCII
      }
    }
    byte[] bytes = out.toByteArray();
    int from = path.isAbsolute() ? 0 : 1;
    int to = bytes.length > 1 && bytes[bytes.length - 1] == '/' ? bytes.length - 1 : bytes.length;
    return Arrays.copyOfRange(bytes, from, to);
  }

  private static Path pathFromUri(FileSystem fs, byte[] bytes) {
    boolean absolute = bytes.length > 0 && bytes[0] == '/';
    StringBuilder uri = new StringBuilder(bytes.length * 3 + 8).append(absolute ? "file://" : "file:///");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == 0) {
        throw new InvalidPathException(new String(bytes, StandardCharsets.UTF_8), "a name cannot hold a NUL byte");
      }
      if (c == '/' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-_.~".indexOf(c) >= 0) {
        uri.append((char) c);
      } else {
        uri.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    Path path = fs.provider().getPath(URI.create(uri.toString()));
    return absolute ? path : fs.getPath("/").relativize(path);
  }

  private static Charset nativeCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding"));
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }
}
