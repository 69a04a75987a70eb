package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Version stacks: create from 2..10 files of the folder, oldest first (they move into the stack, the
 * last is the head), show, and list the versions.
 */
final class VersionStacksHandler {
  private final SandboxStore store;
  private final Views views;
  private final WebhookEvents events;

  VersionStacksHandler(SandboxStore store, Views views, WebhookEvents events) {
    this.store = store;
    this.views = views;
    this.events = events;
  }

  void register(Router router) {
    router.add("POST", "/v4/accounts/{account_id}/folders/{folder_id}/version_stacks", "version_stacks.create",
        RateLimit.TEN_PER_MINUTE, this::create);
    String stack = "/v4/accounts/{account_id}/version_stacks/{version_stack_id}";
    router.add("GET", stack, "version_stacks.show", RateLimit.HUNDRED_PER_MINUTE, r -> {
      r.includes(Includes.FILE); // validated; media links of the head version are not filled
      return store.locked(() -> ApiResponse.ok(views.stack(store.stack(r.accountId(), r.param("version_stack_id")))));
    });
    router.add("GET", stack + "/children", "version_stacks.index", RateLimit.HUNDRED_PER_MINUTE, this::versions);
  }

  private ApiResponse versions(ApiRequest r) {
    List<String> includes = r.includes(Includes.FILE);
    return store.locked(() -> {
      VersionStackAsset vs = store.stack(r.accountId(), r.param("version_stack_id"));
      List<Asset> versions = new ArrayList<>();
      vs.versions.forEach(id -> versions.add(store.assets.get(id)));
      return Pagination.page(r, store.pageLimits, versions, a -> views.asset(a, includes));
    });
  }

  private ApiResponse create(ApiRequest r) {
    ObjectNode data = r.data(Set.of("file_ids"), Set.of("file_ids"));
    JsonNode ids = data.get("file_ids");
    if (!ids.isArray() || ids.size() < 2 || ids.size() > 10) {
      throw ApiException.invalid("/data/file_ids", "file_ids must be an array of 2 to 10 file ids");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || !unique.add(id.asText())) {
        throw ApiException.invalid("/data/file_ids", "file_ids must be distinct file id strings");
      }
    }
    VersionStackAsset created = store.locked(() -> {
      FolderAsset folder = store.folder(r.accountId(), r.param("folder_id"));
      List<FileAsset> files = new ArrayList<>();
      int i = 0;
      for (String id : unique) {
        Asset asset = store.assets.get(id);
        if (!(asset instanceof FileAsset file) || !folder.id.equals(file.parentId)) {
          throw ApiException.invalid("/data/file_ids/" + i, "File " + id + " is not a file in this folder");
        }
        files.add(file);
        i++;
      }
      FileAsset head = files.get(files.size() - 1);
      VersionStackAsset vs = store.add(new VersionStackAsset(SandboxStore.newId(), folder.projectId, folder.id,
          head.name, store.nextSeq(), store.clock.instant()));
      for (FileAsset file : files) {
        file.parentId = vs.id;
        file.updatedAt = vs.createdAt;
        vs.versions.add(file.id);
      }
      return vs;
    });
    events.emit("file.versioned", created.headFileId(), "file", created.projectId);
    return store.locked(() -> ApiResponse.created(views.stack(created)));
  }
}
