package io.postflow.production.edl;

import io.postflow.api.LocalFileException;
import io.postflow.api.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes CMX3600 EDLs for conform: {@code TITLE:}, {@code FCM:} (again wherever the record
 * timecodes switch between drop-frame and non-drop), event lines in the classic columns, clip
 * names, source files, ASC CDL values, locators, {@code M2} motion effects and the other lines an
 * event carries. What {@link EdlReader} reads, this writes back: read, write and read again gives
 * the same events (line numbers aside).
 *
 * <p>Lines end with CRLF, as Avid and Resolve write them; text is UTF-8. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * Edl cut = EdlReader.builder().rate(FrameRate.FPS_25).build().read(Path.of("REEL1_V07.edl"));
 * EdlWriter.write(cut, Path.of("REEL1_V07_conform.edl"));
 * }</pre>
 */
public final class EdlWriter {
  private EdlWriter() {}

  /** The text of {@code edl}: its title, header comments and events. */
  public static String text(Edl edl) {
    return text(edl.title(), edl.dropFrameHeader(), edl.headerComments(), edl.events());
  }

  /**
   * The text of an EDL holding {@code events}, with {@code FCM:} taken from the first event's
   * record timecode.
   */
  public static String text(String title, List<EdlEvent> events) {
    return text(Optional.of(title), Optional.empty(), List.of(), events);
  }

  /**
   * Writes {@code edl} to {@code file}, replacing it whole: a failure leaves the old file as it was.
   *
   * @throws LocalFileException naming the file when it cannot be written
   */
  public static Path write(Edl edl, Path file) {
    return writeText(text(edl), file);
  }

  /**
   * Writes text from {@link #text(String, List)} (or any EDL text) to {@code file}, replacing it
   * whole: a failure leaves the old file as it was.
   *
   * @throws LocalFileException naming the file when it cannot be written
   */
  public static Path writeText(String text, Path file) {
    try {
      AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new LocalFileException("cannot write the EDL", file, e);
    }
  }

  private static String text(Optional<String> title, Optional<Boolean> fcmHeader,
      List<String> headerComments, List<EdlEvent> events) {
    StringBuilder out = new StringBuilder(128 + 160 * events.size());
    title.ifPresent(t -> line(out, "TITLE: " + t));
    // The header states the first event's counting unless the source EDL said otherwise; a change
    // mid-list gets its own FCM line, because the reader counts record timecodes by the last FCM.
    Optional<Boolean> first = events.isEmpty() ? Optional.empty()
        : Optional.of(events.get(0).recordIn().isDropFrame());
    Optional<Boolean> header = fcmHeader.or(() -> first);
    header.ifPresent(drop -> line(out, fcm(drop)));
    for (String comment : headerComments) {
      line(out, "* " + comment);
    }
    if (!headerComments.isEmpty() || header.isPresent() || title.isPresent()) {
      out.append("\r\n");
    }
    boolean dropFrame = header.orElse(false);
    for (EdlEvent event : events) {
      boolean eventDrop = event.recordIn().isDropFrame();
      if (eventDrop != dropFrame) {
        line(out, fcm(eventDrop));
        dropFrame = eventDrop;
      }
      event(out, event);
    }
    return out.toString();
  }

  private static void event(StringBuilder out, EdlEvent event) {
    List<String> after = new ArrayList<>();
    for (String comment : event.comments()) {
      // The reader keeps SPLIT (written before its event), AUD and EFFECTS NAME IS lines as
      // written, without a '*'; every other comment lost only its '*'.
      if (startsWith(comment, "SPLIT:")) {
        line(out, comment);
      } else if (startsWith(comment, "AUD ") || startsWith(comment, "AUD\t")
          || startsWith(comment, "EFFECTS NAME IS")) {
        after.add(comment);
      } else {
        after.add("* " + comment);
      }
    }
    for (EdlEventLine l : event.lines()) {
      line(out, eventLine(event.number(), l));
    }
    event.fromClipName().ifPresent(n -> line(out, "* FROM CLIP NAME: " + n));
    event.toClipName().ifPresent(n -> line(out, "* TO CLIP NAME: " + n));
    event.sourceFile().ifPresent(f -> line(out, "* SOURCE FILE: " + f));
    event.ascSop().ifPresent(v -> line(out, "* ASC_SOP " + v));
    event.ascSat().ifPresent(v -> line(out, "* ASC_SAT " + v));
    for (EdlLocator loc : event.locators()) {
      line(out, ("* LOC: " + loc.timecode() + " " + loc.color() + " " + loc.text()).stripTrailing());
    }
    for (MotionEffect m : event.motionEffects()) {
      line(out, motionEffect(m));
    }
    after.forEach(a -> line(out, a));
  }

  /** {@code 001  A001C003 V     C        14:00:00:00 14:00:02:00 01:00:00:00 01:00:02:00}. */
  static String eventLine(String number, EdlEventLine l) {
    boolean duration = l.transition() != Transition.CUT || l.transitionFrames() > 0;
    return pad(number, 3) + "  " + pad(l.reel(), 8) + " " + pad(l.channels(), 5) + " "
        + pad(l.transitionCode(), 4) + " " + (duration ? String.format(Locale.ROOT, "%03d", l.transitionFrames()) : "   ")
        + " " + l.sourceIn() + " " + l.sourceOut() + " " + l.recordIn() + " " + l.recordOut();
  }

  /**
   * {@code M2   A001C003       025.0                14:31:07:38}: the speed with at least three
   * integer digits and one decimal, as CMX3600 writes it, or as exact as it was read.
   */
  static String motionEffect(MotionEffect m) {
    String speed = m.speed().abs().toPlainString();
    int dot = speed.indexOf('.');
    if (dot < 0) {
      speed = speed + ".0";
      dot = speed.indexOf('.');
    }
    speed = "0".repeat(Math.max(0, 3 - dot)) + speed;
    if (m.speed().signum() < 0) {
      speed = "-" + speed;
    }
    return "M2   " + pad(m.reel(), 8) + "       " + pad(speed, 5) + "                "
        + m.sourceTimecode();
  }

  private static String fcm(boolean dropFrame) {
    return dropFrame ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME";
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static boolean startsWith(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append("\r\n");
  }
}
