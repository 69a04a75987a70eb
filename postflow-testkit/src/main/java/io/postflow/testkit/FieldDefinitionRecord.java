package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An account-level metadata field definition; {@code configuration} as the document's
 * {@code field_configuration}, select options carrying the ids the sandbox gave them.
 */
final class FieldDefinitionRecord {
  final String id;
  final String name;
  final String fieldType;
  final ObjectNode configuration;
  final String creatorId;
  final Instant createdAt;
  Instant updatedAt;

  FieldDefinitionRecord(String id, String name, String fieldType, ObjectNode configuration, String creatorId,
      Instant createdAt) {
    this.id = id;
    this.name = name;
    this.fieldType = fieldType;
    this.configuration = configuration;
    this.creatorId = creatorId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }
}
