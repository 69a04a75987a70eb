package io.postflow.production.shotlist;

import io.postflow.api.ConfigurationException;
import java.text.Normalizer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which header holds each {@link Column}. Headers are compared ignoring case, accents and runs of
 * spaces, so {@code DUREE}, {@code Durée} and {@code DURÉE} are one header. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * ColumnMapping columns = ColumnMapping.builder()
 *     .header(Column.SCENE, "SÉQUENCE")
 *     .header(Column.NOMENCLATURE, "NOM DU PLAN")
 *     .build();
 * }</pre>
 */
public final class ColumnMapping {
  private final Map<Column, String> headers;

  private ColumnMapping(Map<Column, String> headers) {
    this.headers = Collections.unmodifiableMap(new EnumMap<>(headers));
  }

  /** The production's headers ({@link Column#defaultHeader()}). */
  public static ColumnMapping defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The header configured for {@code column}. */
  public String header(Column column) {
    return headers.get(column);
  }

  /** Every column with its header. */
  public Map<Column, String> headers() {
    return headers;
  }

  /** The form headers are compared in: no accents, upper case, single spaces, stripped. */
  static String fold(String header) {
    String noAccents = Normalizer.normalize(header, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return Names.spaces(noAccents).toUpperCase(Locale.ROOT);
  }

  /** Builds a {@link ColumnMapping}, starting from the defaults; not thread-safe. */
  public static final class Builder {
    private final Map<Column, String> headers = new EnumMap<>(Column.class);

    private Builder() {
      for (Column c : Column.values()) {
        headers.put(c, c.defaultHeader());
      }
    }

    /** Maps {@code column} to {@code header}. */
    public Builder header(Column column, String header) {
      headers.put(column, header);
      return this;
    }

    /** @throws ConfigurationException when a header is blank or two columns share one */
    public ColumnMapping build() {
      Map<String, Column> seen = new java.util.HashMap<>();
      for (Map.Entry<Column, String> e : headers.entrySet()) {
        if (e.getValue() == null || e.getValue().isBlank()) {
          throw new ConfigurationException("header for column " + e.getKey() + " is blank");
        }
        Column other = seen.put(fold(e.getValue()), e.getKey());
        if (other != null) {
          throw new ConfigurationException("columns " + other + " and " + e.getKey()
              + " are both mapped to header '" + e.getValue() + "'");
        }
      }
      return new ColumnMapping(headers);
    }
  }
}
