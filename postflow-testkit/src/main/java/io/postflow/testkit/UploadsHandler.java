package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * {@code files/local_upload} (201, the file plus presigned {@code upload_urls}) and
 * {@code files/remote_upload} (202, the file with the source's {@code file_size}, learnt from one
 * ranged GET, plus {@code links.status}; the sandbox then pulls the source in the background).
 * Bodies are exactly as the OpenAPI schema allows: anything else is a 422, and so is a
 * {@code source_url} the {@link RemoteSourceRules} refuse.
 */
final class UploadsHandler {
  static final long MAX_FILE_SIZE = 5_000_000_000_000L;

  private final SandboxStore store;
  private final Views views;
  private final PresignedUrls urls;
  private final WebhookEvents events;
  private final RemoteUploads remote;
  private final String authority;
  private final long maxPartBytes;
  private final RemoteSourceRules sourceRules;

  UploadsHandler(SandboxStore store, Views views, PresignedUrls urls, WebhookEvents events, RemoteUploads remote,
      String authority, long maxPartBytes, RemoteSourceRules sourceRules) {
    this.sourceRules = sourceRules;
    this.store = store;
    this.views = views;
    this.urls = urls;
    this.events = events;
    this.remote = remote;
    this.authority = authority;
    this.maxPartBytes = maxPartBytes;
  }

  void register(Router router) {
    String files = "/v4/accounts/{account_id}/folders/{folder_id}/files";
    router.add("POST", files + "/local_upload", "files.create_local_upload", RateLimit.FIVE_PER_SECOND,
        this::local);
    router.add("POST", files + "/remote_upload", "files.create_remote_upload", RateLimit.FIVE_PER_SECOND,
        this::remote);
  }

  private ApiResponse local(ApiRequest r) {
    ObjectNode data = r.data(Set.of("name", "file_size"), Set.of("name", "file_size"));
    String name = RequestBodies.string(data, "name", 1, 255);
    long size = RequestBodies.integer(data, "file_size", 1, MAX_FILE_SIZE);
    String mediaType = MediaTypes.forName(name);
    List<Long> parts = PartSizing.split(size, maxPartBytes);
    FileAsset file = store.locked(() -> {
      FolderAsset parent = store.folder(r.accountId(), r.param("folder_id"));
      return store.add(new FileAsset(SandboxStore.newId(), parent.projectId, parent.id, name, store.nextSeq(),
          store.clock.instant(), size, mediaType, parts));
    });
    ObjectNode view = store.locked(() -> views.file(file, List.of()));
    ArrayNode uploadUrls = view.putArray("upload_urls");
    for (int i = 0; i < parts.size(); i++) {
      uploadUrls.addObject().put("size", parts.get(i))
          .put("url", urls.sign(authority, PartEndpoint.partPath(file.id, i), mediaType));
    }
    events.emit("file.created", file.id, "file", file.projectId);
    return new ApiResponse(201, Json.envelope(view));
  }

  private ApiResponse remote(ApiRequest r) {
    ObjectNode data = r.data(Set.of("name", "source_url"), Set.of("name", "source_url"));
    String name = RequestBodies.string(data, "name", 1, 255);
    String source = RequestBodies.string(data, "source_url", 1, 8192);
    URI uri;
    try {
      uri = URI.create(source);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("/data/source_url", "source_url is not a URL");
    }
    String refusal = sourceRules.refusal(uri);
    if (refusal != null) {
      throw ApiException.invalid("/data/source_url", refusal);
    }
    store.locked(() -> store.folder(r.accountId(), r.param("folder_id"))); // 404 before touching the source
    long size = remote.probeSize(uri); // the docs' 202 shows the size; 0 when the source does not tell
    FileAsset file = store.locked(() -> {
      FolderAsset parent = store.folder(r.accountId(), r.param("folder_id"));
      FileAsset created = store.add(new FileAsset(SandboxStore.newId(), parent.projectId, parent.id, name,
          store.nextSeq(), store.clock.instant(), size, MediaTypes.forName(name), List.of()));
      created.uploadStartedAt = created.createdAt;
      return created;
    });
    ObjectNode root = store.locked(() -> Json.envelope(views.file(file, List.of())));
    root.set("links", Json.object().put("status",
        "/v4/accounts/" + store.accountId + "/files/" + file.id + "/status"));
    events.emit("file.created", file.id, "file", file.projectId);
    remote.start(file, uri);
    return new ApiResponse(202, root);
  }
}
