/**
 * PostFlow's public contract: the six seams ({@link io.postflow.api.Authenticator},
 * {@link io.postflow.api.StructureManager}, {@link io.postflow.api.Uploader},
 * {@link io.postflow.api.FileExposer}, {@link io.postflow.api.Tunnel},
 * {@link io.postflow.api.ShotRepository}), the values they exchange and the exception hierarchy.
 *
 * <p>{@code io.postflow.api.internal} holds mechanisms PostFlow's own modules share (atomic file
 * writes, daemon threads, owned executors). It is exported to those modules only, like OkHttp's
 * {@code okhttp3.internal}: it is not API and may change in any release.
 */
module io.postflow.api {
  requires static org.immutables.value.annotations;
  requires org.slf4j;

  exports io.postflow.api;
  // Qualified: PostFlow's modules only. A module named here that is not on the module path (yet)
  // is only a javac warning.
  exports io.postflow.api.internal to
      io.postflow.frameio,
      io.postflow.tunnel,
      io.postflow.lucidlink,
      io.postflow.testkit,
      io.postflow.production,
      io.postflow.pipeline,
      io.postflow.dashboard,
      io.postflow.cli;
}
