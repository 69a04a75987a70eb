package io.postflow.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The dashboard's one JSON mapper; it builds trees only, so nothing is opened to reflection. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
