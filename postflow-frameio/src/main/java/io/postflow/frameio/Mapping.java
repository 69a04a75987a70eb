package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.RemoteFileStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Frame.io JSON to PostFlow values. Lenient: unknown fields are ignored and optional ones may be
 * missing or null; only an id (and the few fields a value cannot exist without) is required.
 */
final class Mapping {
  private Mapping() {}

  static User user(JsonNode json) {
    return ImmutableUser.builder()
        .id(Json.required(json, "id", "user"))
        .name(Json.text(json, "name"))
        .email(Json.text(json, "email"))
        .avatarUrl(Json.text(json, "avatar_url"))
        .build();
  }

  static Account account(JsonNode json) {
    return ImmutableAccount.builder()
        .id(Json.required(json, "id", "account"))
        .displayName(Json.text(json, "display_name").orElse(""))
        .roles(Json.texts(json, "roles"))
        .storageLimit(Json.number(json, "storage_limit"))
        .storageUsage(Json.number(json, "storage_usage"))
        .createdAt(Json.instant(json, "created_at"))
        .build();
  }

  static Workspace workspace(JsonNode json) {
    return ImmutableWorkspace.builder()
        .id(Json.required(json, "id", "workspace"))
        .name(Json.text(json, "name").orElse(""))
        .accountId(Json.text(json, "account_id").orElse(""))
        .createdAt(Json.instant(json, "created_at"))
        .build();
  }

  static Project project(JsonNode json) {
    return ImmutableProject.builder()
        .id(Json.required(json, "id", "project"))
        .name(Json.text(json, "name").orElse(""))
        .workspaceId(Json.text(json, "workspace_id"))
        .rootFolderId(Json.required(json, "root_folder_id", "project"))
        .status(Json.text(json, "status"))
        .viewUrl(Json.text(json, "view_url"))
        .createdAt(Json.instant(json, "created_at"))
        .build();
  }

  static Folder folder(JsonNode json) {
    return ImmutableFolder.builder()
        .from(common(json, "folder"))
        .build();
  }

  static FileAsset file(JsonNode json) {
    return ImmutableFileAsset.builder()
        .from(common(json, "file"))
        .fileSize(Json.number(json, "file_size"))
        .mediaType(Json.text(json, "media_type"))
        .status(RemoteFileStatus.fromWire(Json.text(json, "status").orElse(null)))
        .originalDownloadUrl(Json.text(json.path("media_links").path("original"), "download_url"))
        .build();
  }

  static VersionStack versionStack(JsonNode json) {
    JsonNode head = json.path("head_version");
    return ImmutableVersionStack.builder()
        .from(common(json, "version stack"))
        .headVersion(head.isObject() && head.has("id") ? Optional.of(file(head)) : Optional.empty())
        .build();
  }

  /** The fields every folder entry has, read once for the three kinds. */
  private static Asset common(JsonNode json, String resource) {
    return new CommonFields(
        Json.required(json, "id", resource),
        Json.text(json, "name").orElse(""),
        Json.text(json, "parent_id"),
        Json.text(json, "project_id"),
        Json.instant(json, "created_at"),
        Json.instant(json, "updated_at"),
        Json.text(json, "view_url"));
  }

  /** Carrier for {@link #common}; its type is never looked at (builders copy attributes only). */
  private record CommonFields(String id, String name, Optional<String> parentId,
      Optional<String> projectId, Optional<Instant> createdAt, Optional<Instant> updatedAt,
      Optional<String> viewUrl) implements Asset {
    @Override
    public AssetType type() {
      return AssetType.FOLDER;
    }
  }

  /** A folder entry of any type; entries of a type this client does not know become empty. */
  static Optional<Asset> asset(JsonNode json) {
    AssetType type = AssetType.fromWire(Json.text(json, "type").orElse(null));
    if (type == null) {
      return Optional.empty();
    }
    switch (type) {
      case FOLDER:
        return Optional.of(folder(json));
      case VERSION_STACK:
        return Optional.of(versionStack(json));
      default:
        return Optional.of(file(json));
    }
  }

  static FileUploadStatus uploadStatus(JsonNode json) {
    return ImmutableFileUploadStatus.builder()
        .id(Json.required(json, "id", "file status"))
        .fileType(Json.text(json, "filetype"))
        .uploadComplete(Json.bool(json, "upload_complete").orElse(false))
        .uploadFailed(Json.bool(json, "upload_failed").orElse(false))
        .uploadedAt(Json.instant(json, "uploaded_at"))
        .uploadCompletedAt(Json.instant(json, "upload_completed_at"))
        .build();
  }

  static PresignedUpload presignedUpload(JsonNode json) {
    List<PresignedPart> parts = new ArrayList<>();
    for (JsonNode part : json.path("upload_urls")) {
      parts.add(ImmutablePresignedPart.builder()
          .size(Json.number(part, "size").orElseThrow(
              () -> new MalformedResponseException("upload_urls entry without 'size'")))
          .url(Json.required(part, "url", "upload_urls entry"))
          .build());
    }
    if (parts.isEmpty()) {
      throw new MalformedResponseException("local upload without 'upload_urls'");
    }
    return ImmutablePresignedUpload.builder().file(file(json)).parts(parts).build();
  }

  static Comment comment(JsonNode json) {
    JsonNode owner = json.path("owner");
    JsonNode duration = json.path("duration");
    return ImmutableComment.builder()
        .id(Json.required(json, "id", "comment"))
        .fileId(Json.text(json, "file_id"))
        .text(Json.text(json, "text").orElse(""))
        .timestamp(Json.text(json, "timestamp"))
        .duration(duration.canConvertToInt() ? OptionalInt.of(duration.asInt()) : OptionalInt.empty())
        .owner(owner.isObject() && owner.has("id") ? Optional.of(user(owner)) : Optional.empty())
        .replies(list(json.path("replies"), Mapping::comment))
        .createdAt(Json.instant(json, "created_at"))
        .build();
  }

  static Webhook webhook(JsonNode json) {
    return ImmutableWebhook.builder()
        .id(Json.required(json, "id", "webhook"))
        .name(Json.text(json, "name").orElse(""))
        .url(Json.text(json, "url").orElse(""))
        .events(Json.texts(json, "events"))
        .active(Json.bool(json, "active"))
        .workspaceId(Json.text(json, "workspace_id"))
        .secret(Json.text(json, "secret"))
        .createdAt(Json.instant(json, "created_at"))
        .build();
  }

  static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapper) {
    List<T> values = new ArrayList<>();
    for (JsonNode item : array) {
      values.add(mapper.apply(item));
    }
    return values;
  }
}
