package io.postflow.frameio;

import org.immutables.value.Value;

/** A Frame.io folder. Immutable and thread-safe. */
@Value.Immutable
public abstract class Folder implements Asset {
  @Override
  public final AssetType type() {
    return AssetType.FOLDER;
  }
}
