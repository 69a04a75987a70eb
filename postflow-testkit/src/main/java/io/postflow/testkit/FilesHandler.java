package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files: show (with {@code include=media_links.original}), upload status, delete and move. */
final class FilesHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FilesHandler.class);

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
    router.add("PATCH", file + "/move", "files.move", RateLimit.HUNDRED_PER_MINUTE, this::move);
  }

  private ApiResponse delete(ApiRequest r) {
    List<FileAsset.Part> parts = store.locked(() -> {
      FileAsset file = store.file(r.accountId(), r.param("file_id"));
      detach(file);
      store.assets.remove(file.id);
      store.comments.remove(file.id);
      return new ArrayList<>(file.parts.values());
    });
    for (FileAsset.Part part : parts) {
      try {
        Files.deleteIfExists(part.file()); // received bytes go with the file
      } catch (IOException e) {
        LOG.debug("Could not delete {}: {}", part.file(), e.toString());
      }
    }
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
      detach(file);
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

  /** Takes the file out of its version stack, if it is in one; the stack's head moves down. */
  private void detach(FileAsset file) {
    if (store.assets.get(file.parentId) instanceof VersionStackAsset stack) {
      stack.versions.remove(file.id);
      Asset head = store.assets.get(stack.headFileId());
      if (head != null) {
        stack.name = head.name;
      }
      stack.updatedAt = store.clock.instant();
    }
  }
}
