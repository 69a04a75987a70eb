package io.postflow.testkit;

import java.time.Instant;
import java.util.List;

/** A share of assets of one project (the document's {@code AssetShareParams}, type {@code asset}). */
record ShareRecord(String id, String projectId, String name, String description, String access,
    List<String> assetIds, boolean downloadingEnabled, Instant expiration, String passphrase, String shortUrl,
    String collectionId, Instant createdAt) {}
