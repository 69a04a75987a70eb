package io.postflow.api;

import org.immutables.value.Value;

/**
 * A scene (sequence) of the production, numbered in order of first appearance in the shot list.
 * {@link #name()} is the normalised name; {@link #rawName()} how the shot list first spelled it.
 */
@Value.Immutable
public abstract class Scene {
  /** 1-based, in order of first appearance. */
  public abstract int number();

  /** Normalised for matching: {@code PORT - AUBE} and {@code PORT AUBE} are one scene. */
  public abstract String name();

  /** As first written in the shot list. */
  public abstract String rawName();

  /** A folder-safe form of the name, e.g. {@code PORT_AUBE}. */
  public abstract String slug();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Scene}. */
  public static final class Builder extends ImmutableScene.Builder {}
}
