package io.postflow.testkit;

import java.util.Locale;
import java.util.Map;

/** The media type Frame.io picks from a file name's extension; unknown -> application/octet-stream. */
final class MediaTypes {
  static final String DEFAULT = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("mov", "video/quicktime"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("m4v", "video/x-m4v"),
      Map.entry("mxf", "application/mxf"),
      Map.entry("avi", "video/x-msvideo"),
      Map.entry("wav", "audio/wav"),
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("aif", "audio/aiff"),
      Map.entry("aiff", "audio/aiff"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("png", "image/png"),
      Map.entry("gif", "image/gif"),
      Map.entry("tif", "image/tiff"),
      Map.entry("tiff", "image/tiff"),
      Map.entry("exr", "image/x-exr"),
      Map.entry("dpx", "image/x-dpx"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("txt", "text/plain"),
      Map.entry("csv", "text/csv"),
      Map.entry("edl", "text/plain"),
      Map.entry("zip", "application/zip"));

  private MediaTypes() {}

  static String forName(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0 || dot == name.length() - 1) {
      return DEFAULT;
    }
    return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
  }

  /** Whether Frame.io makes renditions for it (video, audio, images, PDF). */
  static boolean transcodes(String mediaType) {
    return mediaType.startsWith("video/") || mediaType.startsWith("audio/")
        || mediaType.startsWith("image/") || mediaType.equals("application/pdf")
        || mediaType.equals("application/mxf");
  }
}
