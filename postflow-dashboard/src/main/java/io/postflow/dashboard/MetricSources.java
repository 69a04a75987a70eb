package io.postflow.dashboard;

import io.postflow.api.DeliveryState;
import java.util.Map;

/** What the metrics report, read at each scrape. */
interface MetricSources {
  /** Deliveries in each state; empty while the pipeline is not running. */
  Map<DeliveryState, Long> deliveries();

  int uploadsInFlight();

  long bytesUploaded();

  long notificationsSent();

  int liveClients();

  long droppedClients();
}
