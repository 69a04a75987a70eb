/**
 * Exposes local files over HTTP and makes them public through a supervised tunnel, for Frame.io's
 * {@code remote_upload} (Frame.io pulls the file instead of PostFlow pushing it).
 *
 * <pre>{@code
 * try (HttpFileExposer exposer = HttpFileExposer.builder().build();
 *      Tunnel tunnel = CloudflareQuickTunnel.builder().build()) {
 *   TunnelEndpoint endpoint = tunnel.open(exposer.localPort(), Duration.ofMinutes(1));
 *   Exposure exposure = exposer.expose(Path.of("/media/studio/fs/renders/UNDLM_00042_v002.mov"));
 *   URI publicUrl = endpoint.publicUrlFor(exposure.url()); // hand this to the service
 * }
 * }</pre>
 *
 * <p>Safety model, multi-range behaviour and how to write your own {@link io.postflow.api.FileExposer}
 * (for example one that hands out presigned URLs of your own bucket): {@code docs/tunnels.md}.
 */
package io.postflow.tunnel;
