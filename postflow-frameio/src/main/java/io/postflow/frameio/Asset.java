package io.postflow.frameio;

import java.time.Instant;
import java.util.Optional;

/**
 * What a folder holds: a {@link Folder}, a {@link FileAsset} or a {@link VersionStack}. Immutable
 * values; switch on {@link #type()} or use {@code instanceof}.
 */
public interface Asset {
  /** The asset's UUID. */
  String id();

  /** The name shown in Frame.io; empty when the service sent none. */
  String name();

  /** Folder, file or version stack. */
  AssetType type();

  /** The folder (or, for a file, possibly the version stack) it sits in; empty for a root folder. */
  Optional<String> parentId();

  /** The project it belongs to, when the service said. */
  Optional<String> projectId();

  /** When it was created; the structure manager's tie-breaker between namesakes. */
  Optional<Instant> createdAt();

  /** When it last changed. */
  Optional<Instant> updatedAt();

  /** The page that shows it in Frame.io's web app. */
  Optional<String> viewUrl();
}
