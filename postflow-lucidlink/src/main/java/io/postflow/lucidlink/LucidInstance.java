package io.postflow.lucidlink;

import org.immutables.value.Value;

/** One running LucidLink client instance, as {@code lucid list} shows it. */
@Value.Immutable
@SuppressWarnings("exports") // the Immutables annotations are compile-only; users never need them
public abstract class LucidInstance {
  /** The instance id passed to {@code lucid --instance N}. */
  public abstract int id();

  /** The filespace name, e.g. {@code production.studio}. */
  public abstract String filespace();

  /** The port of the daemon's local REST API; 0 when not shown. */
  public abstract int port();

  /** The mode column as printed (e.g. {@code live}); empty when not shown. */
  public abstract String mode();

  /** An instance as {@code lucid list} would show it; {@code port} 0 and {@code mode} empty when unknown. */
  public static LucidInstance of(int id, String filespace, int port, String mode) {
    return ImmutableLucidInstance.builder().id(id).filespace(filespace).port(port).mode(mode).build();
  }
}
