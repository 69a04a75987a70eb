/**
 * PostFlow's public contract: the six seams ({@link io.postflow.api.Authenticator},
 * {@link io.postflow.api.StructureManager}, {@link io.postflow.api.Uploader},
 * {@link io.postflow.api.FileExposer}, {@link io.postflow.api.Tunnel},
 * {@link io.postflow.api.ShotRepository}), the values they exchange and the exception hierarchy.
 */
module io.postflow.api {
  requires static org.immutables.value.annotations;

  exports io.postflow.api;
}
