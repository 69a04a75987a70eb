/**
 * PostFlow's file exposer and tunnels: {@link io.postflow.tunnel.HttpFileExposer} makes a local
 * file fetchable at an unguessable URL; the tunnels ({@link io.postflow.tunnel.CloudflareQuickTunnel},
 * {@link io.postflow.tunnel.CloudflareNamedTunnel}, {@link io.postflow.tunnel.NgrokTunnel},
 * {@link io.postflow.tunnel.SshReverseTunnel}, {@link io.postflow.tunnel.StaticUrlTunnel}) make
 * that URL public under supervision.
 */
module io.postflow.tunnel {
  requires transitive io.postflow.api;
  requires java.net.http;
  requires org.slf4j;

  exports io.postflow.tunnel;
}
