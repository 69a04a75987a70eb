package io.postflow.frameio;

import java.util.Optional;
import org.immutables.value.Value;

/** A Frame.io version stack: files stacked oldest first, the newest shown. Immutable. */
@Value.Immutable
public abstract class VersionStack implements Asset {
  @Override
  public final AssetType type() {
    return AssetType.VERSION_STACK;
  }

  /** The newest version, when the service included it. */
  public abstract Optional<FileAsset> headVersion();
}
