package io.postflow.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time (user + system) of the JVM's threads, summed by whose they are, when the sandbox runs
 * in the same process as the pipeline. {@code ThreadMXBean} only knows live threads, and pool
 * threads come and go, so every thread's time is sampled every 100 ms and its last value kept:
 * a thread that ends loses at most its last 100 ms, and one that lives less than that is not seen
 * at all (its time is left in the process's remainder).
 *
 * <p>Whose a thread is: the sandbox's are the threads it started while starting (its HTTP server's
 * dispatcher, its HTTP client's selector), its pools' ({@code postflow-sandbox-*}) and that HTTP
 * client's workers; PostFlow's are the other {@code postflow-*} threads (workers, Frame.io client,
 * uploader, watcher) and the JDK HTTP clients it creates ({@code HttpClient-N-*}); the rest (the
 * benchmark's own threads, JDK housekeeping) is "other". Threads the JVM does not show as Java
 * threads (GC, JIT compilers) are what the process's CPU time has beyond all of these.
 */
final class ThreadCpuMeter implements AutoCloseable {
  enum Owner { POSTFLOW, SANDBOX, OTHER }

  /**
   * CPU nanoseconds by owner; the rest of the process's (its CPU time minus every Java thread's
   * sampled time: GC, JIT compilers, and threads that lived less than one sampling interval); the
   * process's; how many threads were started so far; and PostFlow's CPU nanoseconds by kind of
   * thread (the name with its numbers as {@code N}: {@code HttpClient-N-Worker-N}), which says
   * where the uploader's CPU goes: the part workers and hashing pass, or the HTTP client's threads.
   */
  record Sample(Map<Owner, Long> byOwner, long jvm, long process, long threadsStarted,
      Map<String, Long> postflowByKind) {
    long of(Owner owner) {
      return byOwner.getOrDefault(owner, 0L);
    }

    Sample minus(Sample earlier) {
      Map<Owner, Long> delta = new EnumMap<>(Owner.class);
      for (Owner owner : Owner.values()) {
        delta.put(owner, of(owner) - earlier.of(owner));
      }
      Map<String, Long> kinds = new TreeMap<>(postflowByKind);
      earlier.postflowByKind.forEach((kind, nanos) -> kinds.merge(kind, -nanos, Long::sum));
      return new Sample(delta, jvm - earlier.jvm, process - earlier.process,
          threadsStarted - earlier.threadsStarted, kinds);
    }
  }

  private record Seen(Owner owner, String kind, long cpuNanos) {}

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Set<Long> sandboxThreads;
  private final Set<String> sandboxClients = new HashSet<>();
  private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  /**
   * Starts sampling. {@code beforeSandbox} are the ids of the threads alive before the sandbox
   * started; call this right after it started, before anything else starts threads.
   */
  ThreadCpuMeter(Set<Long> beforeSandbox) {
    threads.setThreadCpuTimeEnabled(true);
    sandboxThreads = new HashSet<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && !beforeSandbox.contains(info.getThreadId())) {
        sandboxThreads.add(info.getThreadId());
        if (info.getThreadName().startsWith("HttpClient-")) {
          sandboxClients.add(clientPrefix(info.getThreadName()));
        }
      }
    }
    sampler = new Thread(() -> {
      while (running) {
        sampleNow();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-cpu-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The ids of the live threads, to pass to the constructor. */
  static Set<Long> liveThreads() {
    Set<Long> ids = new HashSet<>();
    for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
      ids.add(id);
    }
    return ids;
  }

  /** The CPU time so far, sampled now. */
  synchronized Sample sample() {
    sampleNow();
    Map<Owner, Long> byOwner = new EnumMap<>(Owner.class);
    Map<String, Long> postflowByKind = new TreeMap<>();
    long all = 0;
    for (Seen s : seen.values()) {
      byOwner.merge(s.owner(), s.cpuNanos(), Long::sum);
      if (s.owner() == Owner.POSTFLOW) {
        postflowByKind.merge(s.kind(), s.cpuNanos(), Long::sum);
      }
      all += s.cpuNanos();
    }
    long process = os.getProcessCpuTime();
    return new Sample(byOwner, Math.max(0, process - all), process, threads.getTotalStartedThreadCount(),
        postflowByKind);
  }

  private synchronized void sampleNow() {
    long[] ids = threads.getAllThreadIds();
    long[] cpu = threads.getThreadCpuTime(ids);
    ThreadInfo[] infos = null;
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] < 0) {
        continue; // ended meanwhile
      }
      Seen last = seen.get(ids[i]);
      if (last == null) {
        if (infos == null) {
          infos = threads.getThreadInfo(ids);
        }
        if (infos[i] == null) {
          continue;
        }
        String name = infos[i].getThreadName();
        last = new Seen(owner(ids[i], name), name.replaceAll("[0-9]+", "N"), 0);
      }
      seen.put(ids[i], new Seen(last.owner(), last.kind(), Math.max(last.cpuNanos(), cpu[i])));
    }
  }

  private Owner owner(long id, String name) {
    if (sandboxThreads.contains(id) || name.startsWith("postflow-sandbox-")
        || name.startsWith("HttpClient-") && sandboxClients.contains(clientPrefix(name))) {
      return Owner.SANDBOX;
    }
    if (name.startsWith("postflow-") || name.startsWith("HttpClient-")) {
      return Owner.POSTFLOW;
    }
    return Owner.OTHER;
  }

  /** {@code HttpClient-3-Worker-0} -> {@code HttpClient-3-}: the JDK numbers each client. */
  private static String clientPrefix(String name) {
    int dash = name.indexOf('-', "HttpClient-".length());
    return dash < 0 ? name : name.substring(0, dash + 1);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
