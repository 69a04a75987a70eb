package io.postflow.frameio;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One custom field's value on a file, as {@code GET .../files/{id}/metadata} returns it. Immutable.
 */
@Value.Immutable
public abstract class MetadataField {
  /** The field definition's UUID. */
  public abstract String definitionId();

  /** The field's name. */
  public abstract String definitionName();

  /** {@code text}, {@code select}, ... */
  public abstract String fieldType();

  /** The value of a text, long text, date or number field, as text; empty when unset or another type. */
  public abstract Optional<String> text();

  /** The chosen options of a select field; empty when none is chosen or another type. */
  public abstract List<SelectOption> selected();
}
