package io.postflow.frameio.auth;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the given classes' SLF4J loggers up to TRACE and collects what they write, so a test can
 * assert that no secret reaches a log line, or count the lines a flood of requests writes. Works
 * with slf4j-simple, the test binding, which writes to whatever {@code System.err} is at the time;
 * fails loudly with any other binding. Public for the tests of other packages of this module.
 */
public final class LogCapture implements AutoCloseable {
  private static final int TRACE = 0; // slf4j-simple's LOG_LEVEL_TRACE
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Map<Logger, Integer> originalLevels = new LinkedHashMap<>();

  private LogCapture(Class<?>... classes) {
    for (Class<?> type : classes) {
      Logger logger = LoggerFactory.getLogger(type);
      originalLevels.put(logger, swapLevel(logger, TRACE));
    }
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  public static LogCapture atTrace(Class<?>... classes) {
    return new LogCapture(classes);
  }

  public String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(originalErr);
    originalLevels.forEach(LogCapture::swapLevel);
  }

  private static int swapLevel(Logger logger, int level) {
    try {
      Field field = logger.getClass().getDeclaredField("currentLogLevel");
      field.setAccessible(true);
      int previous = field.getInt(logger);
      field.setInt(logger, level);
      return previous;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("LogCapture needs slf4j-simple, found " + logger.getClass(), e);
    }
  }
}
