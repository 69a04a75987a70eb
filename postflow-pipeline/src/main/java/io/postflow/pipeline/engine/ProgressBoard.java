package io.postflow.pipeline.engine;

import io.postflow.api.UploadProgress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The latest upload progress of each delivery this agent is uploading now. Thread-safe. */
final class ProgressBoard {
  private final ConcurrentMap<Long, UploadProgress> byDelivery = new ConcurrentHashMap<>();

  void update(long deliveryId, UploadProgress progress) {
    byDelivery.put(deliveryId, progress);
  }

  void clear(long deliveryId) {
    byDelivery.remove(deliveryId);
  }

  Optional<UploadProgress> get(long deliveryId) {
    return Optional.ofNullable(byDelivery.get(deliveryId));
  }
}
