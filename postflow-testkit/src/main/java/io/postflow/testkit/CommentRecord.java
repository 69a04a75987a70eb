package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A comment on a file; {@code timestamp} is kept as sent (frame number or HH:MM:SS:FF string). */
record CommentRecord(
    String id, String fileId, String ownerId, String text, JsonNode timestamp, Long duration, Instant createdAt) {}
