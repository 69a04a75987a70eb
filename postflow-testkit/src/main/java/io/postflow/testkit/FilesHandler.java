package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Files: show (with {@code include=media_links.original}), upload status, update (rename), delete
 * ({@code file.deleted} to subscribers) and move. Rate limits as the OpenAPI document states per operation ({@code files.update} 100 per
 * minute). Renames: {@link AssetRename}.
 */
final class FilesHandler {
  private final SandboxStore store;
  private final Views views;
  private final WebhookEvents events;

  FilesHandler(SandboxStore store, Views views, WebhookEvents events) {
    this.store = store;
    this.views = views;
    this.events = events;
  }

  void register(Router router) {
    String file = "/v4/accounts/{account_id}/files/{file_id}";
    router.add("GET", file, "files.show", RateLimit.TEN_PER_SECOND, r -> store.locked(() ->
        ApiResponse.ok(views.file(store.file(r.accountId(), r.param("file_id")), r.includes(Includes.FILE)))));
    router.add("GET", file + "/status", "files.show_file_upload_status", RateLimit.FIVE_PER_SECOND,
        r -> store.locked(() -> ApiResponse.ok(views.status(store.file(r.accountId(), r.param("file_id"))))));
    router.add("DELETE", file, "files.delete", RateLimit.HUNDRED_PER_MINUTE, this::delete);
    router.add("PATCH", file, "files.update", RateLimit.HUNDRED_PER_MINUTE, r -> AssetRename.apply(r, store,
        events, q -> store.file(q.accountId(), q.param("file_id")), f -> views.file(f, List.of())));
    router.add("PATCH", file + "/move", "files.move", RateLimit.HUNDRED_PER_MINUTE, this::move);
  }

  private ApiResponse delete(ApiRequest r) {
    String[] projectId = {null};
    List<Path> parts = store.locked(() -> {
      FileAsset file = store.file(r.accountId(), r.param("file_id"));
      projectId[0] = file.projectId;
      return AssetRemoval.removeFile(store, file);
    });
    AssetRemoval.deleteReceivedBytes(parts); // received bytes go with the file
    events.emit("file.deleted", r.param("file_id"), "file", projectId[0]);
    return ApiResponse.noContent();
  }

  private ApiResponse move(ApiRequest r) {
    ObjectNode data = r.data(Set.of("parent_id"), Set.of("parent_id"));
    String parentId = RequestBodies.string(data, "parent_id", 1, 255);
    boolean[] versioned = {false};
    ApiResponse response = store.locked(() -> {
      FileAsset file = store.file(r.accountId(), r.param("file_id"));
      Asset target = store.assets.get(parentId);
      if (target == null || target instanceof FileAsset) {
        throw ApiException.invalid("/data/parent_id", "parent_id must be a folder or version stack");
      }
      if (target.id.equals(file.parentId)) {
        return ApiResponse.ok(views.file(file, List.of()));
      }
      AssetRemoval.detach(store, file);
      file.parentId = target.id;
      file.updatedAt = store.clock.instant();
      if (target instanceof VersionStackAsset stack) {
        stack.versions.add(file.id); // the moved-in file becomes the head
        stack.name = file.name;
        stack.updatedAt = file.updatedAt;
        versioned[0] = true;
      }
      return ApiResponse.ok(views.file(file, List.of()));
    });
    if (versioned[0]) {
      events.emit("file.versioned", r.param("file_id"), "file", store.locked(() ->
          store.assets.get(r.param("file_id")).projectId));
    }
    return response;
  }
}
