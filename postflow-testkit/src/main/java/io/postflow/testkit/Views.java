package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * JSON shapes of the resources, field names and required members as in the OpenAPI schemas. Call
 * under the store lock.
 */
final class Views {
  private static final String VIEW_BASE = "https://next.frame.io/project/";

  private final SandboxStore store;
  private final MediaLinks mediaLinks;

  Views(SandboxStore store, MediaLinks mediaLinks) {
    this.store = store;
    this.mediaLinks = mediaLinks;
  }

  ObjectNode me() {
    ObjectNode me = Json.object().put("id", store.userId).put("name", store.userName)
        .put("email", store.userEmail);
    me.putNull("avatar_url");
    return me;
  }

  /** The sandbox's one user as the document's {@code User}: an owner or creator when included. */
  ObjectNode person() {
    return me().put("active", true);
  }

  ObjectNode account() {
    ObjectNode account = Json.object().put("id", store.accountId).put("display_name", store.accountName);
    account.set("roles", Json.array().add("owner"));
    account.putNull("storage_limit");
    account.put("storage_usage", 0).putNull("adobe_id");
    account.putNull("image");
    return stamped(account, store.createdAt, store.createdAt);
  }

  ObjectNode workspace(List<String> includes) {
    ObjectNode ws = Json.object().put("id", store.workspaceId).put("name", store.workspaceName)
        .put("account_id", store.accountId);
    if (includes.contains("creator")) {
      ws.set("creator", person());
    }
    return stamped(ws, store.createdAt, store.createdAt);
  }

  ObjectNode project(ProjectRecord p, List<String> includes) {
    ObjectNode node = Json.object().put("id", p.id()).put("name", p.name())
        .put("workspace_id", p.workspaceId()).put("root_folder_id", p.rootFolderId())
        .put("status", "active").put("storage", 0).put("restricted", false)
        .put("view_url", VIEW_BASE + p.id() + "/");
    node.putNull("adobe_id");
    node.putNull("description"); // required by the document, nullable; the sandbox keeps none
    if (includes.contains("owner")) {
      node.set("owner", person());
    }
    return stamped(node, p.createdAt(), p.createdAt());
  }

  /** Any asset; {@code includes} are the request's validated {@code include} values. */
  JsonNode asset(Asset asset, List<String> includes) {
    if (asset instanceof FileAsset file) {
      return file(file, includes);
    }
    if (asset instanceof VersionStackAsset stack) {
      return stack(stack);
    }
    return folder((FolderAsset) asset);
  }

  ObjectNode folder(FolderAsset folder) {
    ObjectNode node = common(folder);
    node.putNull("cover_file_id");
    return node;
  }

  /**
   * A file. Requested media links are null until the file is transcoded; only {@code original} is
   * ever filled (the sandbox makes no renditions, and Frame.io also nulls links it does not have),
   * with a signed URL that expires ({@link MediaLinks}): fetch the file again for a fresh one.
   */
  ObjectNode file(FileAsset file, List<String> includes) {
    ObjectNode node = common(file).put("file_size", file.fileSize).put("media_type", file.mediaType)
        .put("status", file.status.wire());
    node.putNull("adobe_version_id");
    ObjectNode links = null;
    for (String include : includes) {
      if (!include.startsWith("media_links.")) {
        continue;
      }
      links = links == null ? node.putObject("media_links") : links;
      String name = include.substring("media_links.".length());
      if (name.equals("original") && file.status == FileAsset.Status.TRANSCODED) {
        String url = mediaLinks.original(file.id);
        links.set(name, Json.object().put("download_url", url).put("inline_url", url));
      } else {
        links.putNull(name);
      }
    }
    return node;
  }

  ObjectNode stack(VersionStackAsset stack) {
    ObjectNode node = common(stack);
    Asset head = store.assets.get(stack.headFileId());
    if (head instanceof FileAsset file) {
      node.set("head_version", file(file, List.of()));
    } else {
      node.putNull("head_version");
    }
    return node;
  }

  ObjectNode status(FileAsset file) {
    ObjectNode node = Json.object().put("id", file.id).put("filetype", file.mediaType)
        .put("upload_complete", file.status != FileAsset.Status.CREATED)
        .put("upload_failed", file.uploadFailed);
    node.put("uploaded_at", Json.time(file.uploadStartedAt));
    node.put("upload_completed_at", Json.time(file.uploadCompletedAt));
    return node;
  }

  ObjectNode comment(CommentRecord c, List<String> includes) {
    // the document's Comment has no owner id: the author comes only with include=owner
    ObjectNode node = Json.object().put("id", c.id()).put("file_id", c.fileId()).put("text", c.text());
    node.set("timestamp", c.timestamp());
    if (c.duration() == null) {
      node.putNull("duration");
    } else {
      node.put("duration", c.duration());
    }
    node.putNull("completed_at");
    node.putNull("completer_id");
    node.putNull("anchor");
    node.putNull("annotation");
    // required by the document; the sandbox accepts but does not keep these (PostFlow sends none)
    node.putNull("page");
    node.putNull("text_edited_at");
    node.putNull("text_review_annotation");
    node.putNull("attachments");
    node.putArray("mentions");
    node.putArray("links");
    if (includes.contains("owner")) {
      node.set("owner", person());
    }
    if (includes.contains("replies")) {
      node.set("replies", Json.array());
    }
    return stamped(node, c.createdAt(), c.createdAt());
  }

  ObjectNode webhook(WebhookRecord w, boolean withSecret) {
    return webhook(w, withSecret, List.of());
  }

  /** A webhook; its secret only in the create answer, its creator when included. */
  ObjectNode webhook(WebhookRecord w, boolean withSecret, List<String> includes) {
    ObjectNode node = Json.object().put("id", w.id).put("name", w.name).put("url", w.url)
        .put("active", w.active).put("workspace_id", w.workspaceId);
    ArrayNode events = node.putArray("events");
    w.events.forEach(events::add);
    if (withSecret) {
      node.put("secret", w.secret);
    }
    if (includes.contains("creator")) {
      node.set("creator", person());
    }
    return stamped(node, w.createdAt, w.updatedAt);
  }

  private ObjectNode common(Asset asset) {
    ObjectNode node = Json.object().put("id", asset.id).put("name", asset.name).put("type", asset.type())
        .put("project_id", asset.projectId).put("parent_id", asset.parentId)
        .put("view_url", VIEW_BASE + asset.projectId + "/view/" + asset.id);
    node.putNull("adobe_id");
    return stamped(node, asset.createdAt, asset.updatedAt);
  }

  private static ObjectNode stamped(ObjectNode node, Instant created, Instant updated) {
    return node.put("created_at", Json.time(created)).put("updated_at", Json.time(updated));
  }
}
