package io.postflow.tunnel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills tunnel processes still running when the JVM exits normally (a shutdown hook), so that no
 * {@code cloudflared} or {@code ssh} outlives the program that started it. A JVM killed with
 * SIGKILL runs no hook: ssh then exits on its own when its server-alive checks fail, cloudflared
 * keeps running until killed (documented in docs/tunnels.md).
 */
final class OrphanGuard {
  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Thread hook = new Thread(OrphanGuard::killAll, "postflow-tunnel-orphan-guard");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private OrphanGuard() {}

  static void register(ProcessHandle process) {
    LIVE.add(process);
  }

  static void unregister(ProcessHandle process) {
    LIVE.remove(process);
  }

  static void killAll() {
    for (ProcessHandle p : LIVE) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
