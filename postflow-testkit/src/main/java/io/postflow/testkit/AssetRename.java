package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Function;

/**
 * The update operations of folders and files ({@code FolderUpdateParams}, {@code FileUpdateParams}):
 * both carry only an optional {@code name}, 1..255 characters, validated as on create. A body
 * without {@code name} changes nothing and emits nothing; a rename bumps {@code updated_at} and
 * emits {@code folder.updated} / {@code file.updated} (documented event names). A version stack is
 * named after its head, so renaming the head renames the stack.
 */
final class AssetRename {
  private AssetRename() {}

  /**
   * Applies {@code r}'s body to the asset {@code find} returns (called under the store lock; it
   * throws the 404) and answers 200 with {@code view} of it.
   */
  static <T extends Asset> ApiResponse apply(ApiRequest r, SandboxStore store, WebhookEvents events,
      Function<ApiRequest, T> find, Function<T, ObjectNode> view) {
    ObjectNode data = r.data(Set.of("name"), Set.of());
    String name = RequestBodies.string(data, "name", 1, 255);
    Asset[] renamed = {null};
    ApiResponse response = store.locked(() -> {
      T asset = find.apply(r);
      if (name != null) {
        asset.name = name;
        asset.updatedAt = store.clock.instant();
        if (store.assets.get(asset.parentId) instanceof VersionStackAsset stack
            && asset.id.equals(stack.headFileId())) {
          stack.name = name;
          stack.updatedAt = asset.updatedAt;
        }
        renamed[0] = asset;
      }
      return ApiResponse.ok(view.apply(asset));
    });
    if (renamed[0] != null) {
      Asset asset = renamed[0];
      events.emit(asset.type() + ".updated", asset.id, asset.type(), asset.projectId);
    }
    return response;
  }
}
