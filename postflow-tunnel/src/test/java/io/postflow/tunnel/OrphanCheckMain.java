package io.postflow.tunnel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link OrphanGuardTest}: opens a tunnel to a fake agent and exits without
 * closing anything, as a program that forgets to would.
 */
public final class OrphanCheckMain {
  private OrphanCheckMain() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    HttpFileExposer exposer = HttpFileExposer.builder().build();
    CloudflareQuickTunnel tunnel = CloudflareQuickTunnel.builder()
        .binary(new FakeAgents(state).script("cloudflared", "cloudflared", Map.of())).scheme("http").build();
    tunnel.open(exposer.localPort(), Duration.ofSeconds(30));
    System.out.println("OPEN");
    System.exit(0);
  }
}
