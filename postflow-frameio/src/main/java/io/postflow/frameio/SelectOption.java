package io.postflow.frameio;

import org.immutables.value.Value;

/** One option of a select field: the id values are set with, and what Frame.io shows. Immutable. */
@Value.Immutable
public abstract class SelectOption {
  /** The option's UUID. */
  @Value.Parameter
  public abstract String id();

  /** What Frame.io shows, e.g. {@code review_approved}. */
  @Value.Parameter
  public abstract String displayName();

  static SelectOption of(String id, String displayName) {
    return ImmutableSelectOption.of(id, displayName);
  }
}
