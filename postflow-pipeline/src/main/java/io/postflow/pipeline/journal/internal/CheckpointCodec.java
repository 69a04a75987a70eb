package io.postflow.pipeline.journal.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.UploadCheckpoint;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link UploadCheckpoint} as the JSON text of the {@code upload_checkpoint} column:
 * {@code {"fileId":..,"mediaType":..,"parts":[{"size":..,"url":..}],"done":[0,2]}}. The part URLs
 * are secrets: the column lives only in the owner-only journal file, is cleared when the delivery
 * ends, and nothing that reads the journal prints it ({@code UploadCheckpoint.toString()} hides it).
 */
public final class CheckpointCodec {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCodec.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointCodec() {}

  public static String write(UploadCheckpoint checkpoint) {
    ObjectNode root = JSON.createObjectNode();
    root.put("fileId", checkpoint.fileId());
    root.put("mediaType", checkpoint.mediaType());
    ArrayNode parts = root.putArray("parts");
    for (int i = 0; i < checkpoint.partSizes().size(); i++) {
      parts.addObject().put("size", checkpoint.partSizes().get(i)).put("url", checkpoint.partUrls().get(i));
    }
    ArrayNode done = root.putArray("done");
    new TreeSet<>(checkpoint.partsDone()).forEach(done::add);
    return root.toString();
  }

  /**
   * The checkpoint in {@code text}, or empty when there is none or it cannot be read (then the
   * upload starts over, which is safe: the placeholder is found and deleted by its name).
   */
  public static Optional<UploadCheckpoint> read(String text, long deliveryId) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(text);
      UploadCheckpoint.Builder b = UploadCheckpoint.builder()
          .fileId(root.get("fileId").asText()).mediaType(root.get("mediaType").asText());
      for (JsonNode part : root.get("parts")) {
        b.addPartSizes(part.get("size").asLong()).addPartUrls(part.get("url").asText());
      }
      for (JsonNode index : root.get("done")) {
        b.addPartsDone(index.asInt());
      }
      return Optional.of(b.build());
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("Delivery {}: its upload checkpoint cannot be read ({}); the upload will start over",
          deliveryId, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }
}
