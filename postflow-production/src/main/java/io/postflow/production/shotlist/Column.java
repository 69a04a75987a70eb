package io.postflow.production.shotlist;

/**
 * The fields PostFlow reads from a shot list, with the production's default header for each and
 * whether the list must have it. Headers are mapped by {@link ColumnMapping}.
 */
public enum Column {
  /** The shot number as written ({@code 001}). */
  NUMBER("PLAN", true),
  /** The scene (sequence) name. */
  SCENE("SEQUENCE", true),
  /** Record (timeline) in. */
  RECORD_IN("TC IN", true),
  /** Record (timeline) out. */
  RECORD_OUT("TC OUT", true),
  /** Source in. */
  SOURCE_IN("TC IN SOURCE", false),
  /** Source out. */
  SOURCE_OUT("TC OUT SOURCE", false),
  /** The duration the production wrote, checked against record out minus in. */
  DURATION("DURÉE", false),
  /** The source media file. */
  SOURCE_NAME("SOURCE NAME", true),
  /** The production's own duplicate mark. */
  DUPLICATE("Doublons", false),
  /** The shot's nomenclature, e.g. {@code KRAK_00042}. */
  NOMENCLATURE("NOMENCLATURE PLAN", true),
  /** Whether the shot is available to the edit. */
  READY_FOR_EDIT("MISE À DISPO EN MONTAGE", false);

  private final String defaultHeader;
  private final boolean required;

  Column(String defaultHeader, boolean required) {
    this.defaultHeader = defaultHeader;
    this.required = required;
  }

  /** The header of the production's spreadsheet. */
  public String defaultHeader() {
    return defaultHeader;
  }

  /** Whether reading fails when the list has no such column. */
  public boolean required() {
    return required;
  }
}
