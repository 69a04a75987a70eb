/**
 * PostFlow's pipeline: production data (file-name nomenclature, SMPTE timecode, CMX3600 EDLs, the
 * shot list) and the flow that moves renders into Frame.io.
 */
module io.postflow.pipeline {
  requires transitive io.postflow.api;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  requires static org.immutables.value.annotations;

  exports io.postflow.pipeline.nomenclature;
  exports io.postflow.pipeline.timecode;
  exports io.postflow.pipeline.edl;
  exports io.postflow.pipeline.shotlist;
  exports io.postflow.pipeline.journal;
}
