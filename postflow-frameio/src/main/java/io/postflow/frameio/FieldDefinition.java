package io.postflow.frameio;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An account-level custom metadata field (Frame.io "field definition"), e.g. a {@code select}
 * field {@code PostFlow status} whose options are the workflow's statuses. Immutable.
 */
@Value.Immutable
public abstract class FieldDefinition {
  /** The definition's UUID. */
  public abstract String id();

  /** Its name, as shown in Frame.io. */
  public abstract String name();

  /** {@code text}, {@code select}, {@code select_multi}, {@code toggle}, ... */
  public abstract String fieldType();

  /** The options of a {@code select} or {@code select_multi} field, in order; empty for others. */
  public abstract List<SelectOption> options();

  /** The option shown as {@code displayName}, if the field has one. */
  public Optional<SelectOption> option(String displayName) {
    return options().stream().filter(o -> o.displayName().equals(displayName)).findFirst();
  }
}
