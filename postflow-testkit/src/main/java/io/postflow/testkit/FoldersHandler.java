package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folders: show, mixed children with the {@code type} filter, the typed lists, create, update
 * (rename) and delete. Duplicate sibling names are allowed, as on Frame.io; the race fault adds a
 * second one. Rate limits as the OpenAPI document states per operation ({@code folders.update} 10
 * and {@code folders.delete} 60 per minute).
 *
 * <p>Deleting a folder removes everything below it. The project's root folder cannot be deleted:
 * 409 Conflict, because the request is well formed and names an existing folder, but the
 * resource's state (it is the project's root) forbids the change; 422 is what the sandbox answers
 * for invalid request content. Frame.io documents neither case; both statuses are listed for the
 * operation. Renaming the root folder is allowed (nothing documents otherwise). Webhook events:
 * {@code folder.created}, {@code folder.updated} and {@code folder.deleted} for the folder itself,
 * all documented; none for the assets removed with it (undocumented whether Frame.io sends them).
 */
final class FoldersHandler {
  private static final Set<String> CHILD_TYPES = Set.of("file", "folder", "version_stack");

  private final SandboxStore store;
  private final Views views;
  private final SandboxFaults faults;
  private final WebhookEvents events;

  FoldersHandler(SandboxStore store, Views views, SandboxFaults faults, WebhookEvents events) {
    this.store = store;
    this.views = views;
    this.faults = faults;
    this.events = events;
  }

  void register(Router router) {
    String folder = "/v4/accounts/{account_id}/folders/{folder_id}";
    router.add("GET", folder, "folders.show", RateLimit.HUNDRED_PER_MINUTE,
        r -> {
          r.includes(Includes.FOLDER); // validated; creator/project/metadata are not modelled
          return store.locked(() -> ApiResponse.ok(views.folder(store.folder(r.accountId(), r.param("folder_id")))));
        });
    router.add("GET", folder + "/children", "folders.index", RateLimit.HUNDRED_PER_MINUTE,
        r -> list(r, types(r.query("type")), Includes.FILE, AssetOrderings.BY_NAME));
    // folders.list takes the folder include values only (no media links), as folders.show
    router.add("GET", folder + "/folders", "folders.list", RateLimit.FIVE_PER_SECOND,
        r -> list(r, Set.of("folder"), Includes.FOLDER, AssetOrderings.BY_NAME));
    // files.list is the one folder listing whose sort parameter the document declares (FileSort)
    router.add("GET", folder + "/files", "files.list", RateLimit.FIVE_PER_SECOND,
        r -> list(r, Set.of("file"), Includes.FILE, AssetOrderings.files(r)));
    router.add("GET", folder + "/version_stacks", "version_stacks.list", RateLimit.FIVE_PER_SECOND,
        r -> list(r, Set.of("version_stack"), Includes.FILE, AssetOrderings.BY_NAME));
    router.add("POST", folder + "/folders", "folders.create", RateLimit.THREE_PER_SECOND, this::create);
    router.add("PATCH", folder, "folders.update", RateLimit.TEN_PER_MINUTE, r -> AssetRename.apply(r, store,
        events, q -> store.folder(q.accountId(), q.param("folder_id")), views::folder));
    router.add("DELETE", folder, "folders.delete", RateLimit.SIXTY_PER_MINUTE, this::delete);
  }

  private ApiResponse list(ApiRequest r, Set<String> types, Set<String> allowedIncludes, Ordering<Asset> ordering) {
    List<String> includes = r.includes(allowedIncludes);
    return store.locked(() -> {
      FolderAsset parent = store.folder(r.accountId(), r.param("folder_id"));
      List<Asset> matching = new ArrayList<>();
      for (Asset child : store.children(parent.id)) {
        if (types.contains(child.type())) {
          matching.add(child);
        }
      }
      return Pagination.assetPage(r, store.pageLimits, matching, ordering, a -> views.asset(a, includes));
    });
  }

  private static Set<String> types(String raw) {
    if (raw == null || raw.isBlank()) {
      return CHILD_TYPES;
    }
    Set<String> types = new HashSet<>();
    for (String part : raw.split(",")) {
      String type = part.trim();
      if (!CHILD_TYPES.contains(type)) {
        throw ApiException.invalid("/type", "type must be a comma list of file, folder, version_stack");
      }
      types.add(type);
    }
    return types;
  }

  private ApiResponse create(ApiRequest r) {
    ObjectNode data = r.data(Set.of("name"), Set.of("name"));
    String name = RequestBodies.string(data, "name", 1, 255);
    List<FolderAsset> made = new ArrayList<>();
    ApiResponse response = store.locked(() -> {
      FolderAsset parent = store.folder(r.accountId(), r.param("folder_id"));
      if (faults.takeFolderRace(name)) {
        made.add(store.add(new FolderAsset(SandboxStore.newId(), parent.projectId, parent.id, name, store.nextSeq(),
            store.clock.instant())));
      }
      FolderAsset created = store.add(new FolderAsset(SandboxStore.newId(), parent.projectId, parent.id, name,
          store.nextSeq(), store.clock.instant()));
      made.add(created);
      return ApiResponse.created(views.folder(created));
    });
    for (FolderAsset folder : made) { // the raced duplicate was created too, as by another client
      events.emit("folder.created", folder.id, "folder", folder.projectId);
    }
    return response;
  }

  private ApiResponse delete(ApiRequest r) {
    String[] projectId = {null};
    List<Path> parts = store.locked(() -> {
      FolderAsset folder = store.folder(r.accountId(), r.param("folder_id"));
      if (folder.parentId == null) {
        throw ApiException.conflict("The root folder of project " + folder.projectId
            + " cannot be deleted; delete the project instead", null);
      }
      projectId[0] = folder.projectId;
      return AssetRemoval.removeTree(store, folder);
    });
    AssetRemoval.deleteReceivedBytes(parts);
    events.emit("folder.deleted", r.param("folder_id"), "folder", projectId[0]);
    return ApiResponse.noContent();
  }
}
