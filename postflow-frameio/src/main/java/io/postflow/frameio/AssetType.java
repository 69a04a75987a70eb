package io.postflow.frameio;

import java.util.Locale;

/** The {@code type} of an entry in a Frame.io folder. */
public enum AssetType {
  FILE,
  FOLDER,
  VERSION_STACK;

  /** {@code file}, {@code folder} or {@code version_stack}. */
  public String toWire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the service's value; returns null for a type this client does not know. */
  static AssetType fromWire(String value) {
    for (AssetType type : values()) {
      if (type.toWire().equals(value)) {
        return type;
      }
    }
    return null;
  }
}
