/**
 * PostFlow's production data: file-name nomenclature, SMPTE timecode, CMX3600 EDLs, the shot list
 * (a {@link io.postflow.api.ShotRepository} over the production's CSV), its exports and its
 * reconciliation with a cut. Needs only postflow-api, Jackson and SLF4J.
 */
module io.postflow.production {
  requires transitive io.postflow.api;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static org.immutables.value.annotations;

  exports io.postflow.production.nomenclature;
  exports io.postflow.production.timecode;
  exports io.postflow.production.edl;
  exports io.postflow.production.shotlist;
  exports io.postflow.production.workflow;
}
