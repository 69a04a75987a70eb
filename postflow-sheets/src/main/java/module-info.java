/**
 * The production's shot list on Google Sheets: a {@link io.postflow.api.ShotRepository} read and
 * written through the Sheets API v4 values endpoints with a service account. Needs only the JDK's
 * HTTP client and signature (RS256), Jackson, SLF4J and postflow-production (whose shot list reader
 * maps the sheet's columns).
 */
module io.postflow.sheets {
  requires transitive io.postflow.production;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.postflow.sheets;
}
