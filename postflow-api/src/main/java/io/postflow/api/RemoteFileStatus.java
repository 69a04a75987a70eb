package io.postflow.api;

/** The {@code status} of a Frame.io file: {@code created -> uploaded -> transcoded}. */
public enum RemoteFileStatus {
  /** A placeholder with no bytes yet. */
  CREATED,
  /** The bytes are in; transcodes may be pending. */
  UPLOADED,
  /** Renditions are ready for review. */
  TRANSCODED;

  /** Parses the service's lowercase value; unknown values map to {@link #CREATED}. */
  public static RemoteFileStatus fromWire(String value) {
    if (value == null) {
      return CREATED;
    }
    switch (value) {
      case "uploaded":
        return UPLOADED;
      case "transcoded":
        return TRANSCODED;
      default:
        return CREATED;
    }
  }

  public String toWire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
