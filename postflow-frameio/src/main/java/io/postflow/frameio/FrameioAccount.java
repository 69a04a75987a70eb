package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Frame.io calls of one account, from {@link FrameioClient#account(String)}. Same contract as
 * the client: thread-safe, blocking (the {@code ...Async} variants aside), retried, paced, failures
 * as {@link io.postflow.api.ServiceException} ({@link ResourceNotFoundException} for a 404).
 *
 * <p>Listings return lazy {@link Stream}s that fetch the next page only when the previous one has
 * been consumed; a failure while fetching a later page is thrown from the stream operation.
 */
public final class FrameioAccount {
  private static final Logger LOG = LoggerFactory.getLogger(FrameioAccount.class);

  /**
   * Frame.io's largest page for folder listings: children and the typed lists of folders, files and
   * version stacks ({@code AssetRequestPageSize} in the OpenAPI document).
   */
  public static final int MAX_FOLDER_PAGE_SIZE = 500;

  /** Frame.io's largest page for other listings, version stack children included. */
  public static final int MAX_PAGE_SIZE = 100;

  private static final Pattern TIMECODE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}[:;]\\d{2,3}");
  /** Tolerance for the clock difference between us and the service when recognising our creates. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final FrameioClient client;
  private final ApiTransport transport;
  private final String accountId;

  FrameioAccount(FrameioClient client, String accountId) {
    this.client = client;
    this.transport = client.transport();
    this.accountId = accountId;
  }

  /** The account id this view was made for. */
  public String id() {
    return accountId;
  }

  /** The workspaces of this account, every page. */
  public List<Workspace> workspaces() {
    return Pager.stream(transport, get(Endpoint.WORKSPACES), json -> Optional.of(Mapping.workspace(json)))
        .collect(Collectors.toList());
  }

  /** The projects of a workspace, every page. */
  public List<Project> projects(String workspaceId) {
    return Pager.stream(transport, get(Endpoint.PROJECTS, workspaceId),
        json -> Optional.of(Mapping.project(json))).collect(Collectors.toList());
  }

  /**
   * {@code GET .../projects/{id}}.
   *
   * @throws ResourceNotFoundException when there is no such project (or it is not visible)
   */
  public Project project(String projectId) {
    return Mapping.project(data(get(Endpoint.PROJECT, projectId)));
  }

  /**
   * {@code GET .../folders/{id}}.
   *
   * @throws ResourceNotFoundException when the folder is gone
   */
  public Folder folder(String folderId) {
    return Mapping.folder(data(get(Endpoint.FOLDER, folderId)));
  }

  /** Everything in a folder, lazily, in pages of 50. */
  public Stream<Asset> children(String folderId) {
    return children(folderId, null, 50);
  }

  /**
   * What a folder holds, lazily.
   *
   * @param type only entries of this type, or null for all
   * @param pageSize 1 to {@link #MAX_FOLDER_PAGE_SIZE}
   */
  public Stream<Asset> children(String folderId, AssetType type, int pageSize) {
    return Pager.stream(transport, childrenRequest(folderId, type, pageSize), Mapping::asset);
  }

  /**
   * One page of {@link #children(String, AssetType, int)} with the folder's {@link Page#totalCount()}
   * (asked for with {@code include_total_count}, which Frame.io otherwise answers with null); pass
   * {@link Page#next()} back for the next.
   */
  public Page<Asset> childrenPage(String folderId, AssetType type, int pageSize, Optional<String> next) {
    ApiRequest request = childrenRequest(folderId, type, pageSize);
    Map<String, String> query = new LinkedHashMap<>(request.query());
    query.put("include_total_count", "true");
    return Pager.page(transport, request.withQuery(query), next, Mapping::asset);
  }

  /** The folders directly in a folder, lazily, {@code pageSize} 1 to {@link #MAX_FOLDER_PAGE_SIZE}. */
  public Stream<Folder> folders(String folderId, int pageSize) {
    return Pager.stream(transport, paged(Endpoint.FOLDER_FOLDERS, folderId, pageSize),
        json -> Optional.of(Mapping.folder(json)));
  }

  /**
   * The files directly in a folder (not those inside version stacks), lazily, {@code pageSize} 1 to
   * {@link #MAX_FOLDER_PAGE_SIZE}.
   */
  public Stream<FileAsset> files(String folderId, int pageSize) {
    return Pager.stream(transport, paged(Endpoint.FOLDER_FILES, folderId, pageSize),
        json -> Optional.of(Mapping.file(json)));
  }

  /** The version stacks directly in a folder, lazily, {@code pageSize} 1 to {@link #MAX_FOLDER_PAGE_SIZE}. */
  public Stream<VersionStack> versionStacks(String folderId, int pageSize) {
    return Pager.stream(transport,
        paged(Endpoint.FOLDER_VERSION_STACKS, folderId, pageSize),
        json -> Optional.of(Mapping.versionStack(json)));
  }

  /**
   * Creates a folder. Frame.io allows duplicate names, so when an attempt's answer is lost the
   * client looks for a folder of that name before trying again and returns it if there is one;
   * use {@link FrameioStructureManager} to create folders only when missing.
   */
  public Folder createFolder(String parentFolderId, String name) {
    requireName(name, "name");
    ObjectNode data = Json.object().put("name", name);
    ApiRequest request = post(Endpoint.CREATE_FOLDER, data, parentFolderId)
        .withCheck(() -> findFolder(parentFolderId, name));
    return Mapping.folder(transport.execute(request).data());
  }

  /** {@link #createFolder} on the client's executor; {@code cancel} aborts the call. */
  public CompletableFuture<Folder> createFolderAsync(String parentFolderId, String name) {
    return client.supplyAsync(() -> createFolder(parentFolderId, name));
  }

  /**
   * {@code PATCH .../folders/{id}}: renames a folder, the only setting Frame.io lets one change.
   * Retried like every PATCH (naming a folder twice is harmless). Frame.io allows two sibling
   * folders of one name, so a rename can create a duplicate; a {@link FrameioStructureManager}
   * that cached the old name should be told with {@code invalidate}.
   *
   * @return the folder as it now is
   * @throws IllegalArgumentException when {@code newName} is not 1 to 255 characters
   * @throws ResourceNotFoundException when the folder is gone
   */
  public Folder updateFolder(String folderId, String newName) {
    requireName(newName, "newName");
    ApiRequest request = ApiRequest.of(Endpoint.UPDATE_FOLDER, path(Endpoint.UPDATE_FOLDER, folderId))
        .withBody(Json.envelope(Json.object().put("name", newName)));
    return Mapping.folder(transport.execute(request).data());
  }

  /**
   * {@code DELETE .../folders/{id}}: deletes the folder and everything in it (sub-folders, version
   * stacks, files and their comments). Retried like every DELETE. A 404 on the first attempt
   * throws: the folder was not there. A 404 on a later attempt counts as done: the usual cause is
   * an earlier attempt that did delete it but whose answer was lost (a 5xx, a reset, a timeout).
   * The client cannot tell that case from an earlier 429 or token refresh followed by a 404; either
   * way the folder is gone when the call returns.
   *
   * @throws ResourceNotFoundException when the first attempt finds no such folder
   * @throws io.postflow.api.ServiceException for the project's root folder, which cannot be deleted
   *     (Frame.io answers 409 or 422; delete the project instead)
   */
  public void deleteFolder(String folderId) {
    try {
      transport.execute(ApiRequest.of(Endpoint.DELETE_FOLDER, path(Endpoint.DELETE_FOLDER, folderId)));
    } catch (ResourceNotFoundException gone) {
      if (gone.attempts() <= 1) {
        throw gone;
      }
      LOG.debug("DELETE folder {}: 404 on attempt {}, an earlier attempt deleted it", folderId,
          gone.attempts());
    }
  }

  /** The oldest folder called {@code name} directly in {@code parentFolderId}, as raw JSON. */
  private Optional<JsonNode> findFolder(String parentFolderId, String name) {
    return Pager.stream(transport, childrenRequest(parentFolderId, AssetType.FOLDER, MAX_FOLDER_PAGE_SIZE),
            json -> Optional.of(json))
        .filter(json -> name.equals(Json.text(json, "name").orElse(null)))
        .min(Comparator.comparing((JsonNode json) -> Json.text(json, "created_at").orElse(""))
            .thenComparing(json -> Json.text(json, "id").orElse("")));
  }

  /** {@code GET .../files/{id}}, optionally with side-loads such as {@code media_links.original}. */
  public FileAsset file(String fileId, String... include) {
    ApiRequest request = get(Endpoint.FILE, fileId);
    if (include.length > 0) {
      request = request.withQuery(Map.of("include", String.join(",", include)));
    }
    return Mapping.file(data(request));
  }

  /** {@link #file} on the client's executor; {@code cancel(true)} aborts the call. */
  public CompletableFuture<FileAsset> fileAsync(String fileId, String... include) {
    return client.supplyAsync(() -> file(fileId, include));
  }

  /** {@code GET .../files/{id}/status}: upload complete or failed. 5 per second. */
  public FileUploadStatus fileStatus(String fileId) {
    return Mapping.uploadStatus(data(get(Endpoint.FILE_STATUS, fileId)));
  }

  /** {@link #fileStatus} on the client's executor; {@code cancel(true)} aborts the call. */
  public CompletableFuture<FileUploadStatus> fileStatusAsync(String fileId) {
    return client.supplyAsync(() -> fileStatus(fileId));
  }

  /** Deletes a file; a file that is already gone throws {@link ResourceNotFoundException}. */
  public void deleteFile(String fileId) {
    transport.execute(ApiRequest.of(Endpoint.DELETE_FILE, path(Endpoint.DELETE_FILE, fileId)));
  }

  /**
   * {@code PATCH .../files/{id}}: renames a file, the only setting Frame.io lets one change (the
   * media type chosen at upload stays). Retried like every PATCH. When the file heads a version
   * stack, Frame.io shows the stack under the head's name.
   *
   * @return the file as it now is
   * @throws IllegalArgumentException when {@code newName} is not 1 to 255 characters
   * @throws ResourceNotFoundException when the file is gone
   */
  public FileAsset updateFile(String fileId, String newName) {
    requireName(newName, "newName");
    ApiRequest request = ApiRequest.of(Endpoint.UPDATE_FILE, path(Endpoint.UPDATE_FILE, fileId))
        .withBody(Json.envelope(Json.object().put("name", newName)));
    return Mapping.file(transport.execute(request).data());
  }

  /** Moves a file into a folder or a version stack. Idempotent, so retried freely. */
  public FileAsset moveFile(String fileId, String newParentId) {
    Objects.requireNonNull(newParentId, "newParentId");
    ApiRequest request = ApiRequest.of(Endpoint.MOVE_FILE, path(Endpoint.MOVE_FILE, fileId))
        .withBody(Json.envelope(Json.object().put("parent_id", newParentId)));
    return Mapping.file(transport.execute(request).data());
  }

  /**
   * {@code POST .../files/local_upload} with exactly {@code name} and {@code file_size}: the
   * placeholder file and its presigned part URLs. Retried only when the request certainly did not
   * reach the service (connection refused, 429): a lost answer leaves an unknown placeholder, which
   * the caller should not guess at.
   */
  public PresignedUpload createLocalUpload(String folderId, String name, long fileSize) {
    requireName(name, "name");
    if (fileSize < 1) {
      throw new IllegalArgumentException("fileSize must be at least 1 byte, was " + fileSize);
    }
    ObjectNode data = Json.object().put("name", name).put("file_size", fileSize);
    return Mapping.presignedUpload(transport.execute(post(Endpoint.LOCAL_UPLOAD, data, folderId)).data());
  }

  /**
   * {@code POST .../files/remote_upload}: Frame.io fetches {@code sourceUrl} itself. Returns the
   * placeholder (status {@code created}). Retried like {@link #createLocalUpload}. The URL is never
   * logged.
   */
  public FileAsset createRemoteUpload(String folderId, String name, URI sourceUrl) {
    requireName(name, "name");
    Objects.requireNonNull(sourceUrl, "sourceUrl");
    ObjectNode data = Json.object().put("name", name).put("source_url", sourceUrl.toString());
    return Mapping.file(transport.execute(post(Endpoint.REMOTE_UPLOAD, data, folderId)).data());
  }

  /**
   * Stacks 2 to 10 files of one folder, oldest first. When an attempt's answer is lost the client
   * checks whether the newest file already sits in a stack before trying again.
   */
  public VersionStack createVersionStack(String folderId, List<String> fileIds) {
    if (fileIds.size() < 2 || fileIds.size() > 10) {
      throw new IllegalArgumentException("a version stack takes 2 to 10 file ids, got " + fileIds.size());
    }
    ObjectNode data = Json.object();
    ArrayNode ids = data.putArray("file_ids");
    fileIds.forEach(ids::add);
    String newest = fileIds.get(fileIds.size() - 1);
    ApiRequest request = post(Endpoint.CREATE_VERSION_STACK, data, folderId).withCheck(() -> {
      String parent = file(newest).parentId().orElse(folderId);
      return parent.equals(folderId) ? Optional.empty() : Optional.of(data(get(Endpoint.VERSION_STACK, parent)));
    });
    return Mapping.versionStack(transport.execute(request).data());
  }

  /**
   * {@code GET .../version_stacks/{id}}, with its head version when the service includes it.
   *
   * @throws ResourceNotFoundException when there is no such stack
   */
  public VersionStack versionStack(String versionStackId) {
    return Mapping.versionStack(data(get(Endpoint.VERSION_STACK, versionStackId)));
  }

  /** The versions in a stack, lazily. */
  public Stream<FileAsset> versionStackChildren(String versionStackId) {
    return Pager.stream(transport, get(Endpoint.VERSION_STACK_CHILDREN, versionStackId),
        json -> Mapping.asset(json).filter(FileAsset.class::isInstance).map(FileAsset.class::cast));
  }

  /**
   * Puts {@code newFileId} on top of {@code previousFileId}: creates a stack of the two when the
   * previous version is a plain file, or moves the new one into the previous one's stack. Both
   * files must be in the same folder (upload the new version next to the old one).
   *
   * @return the stack that now holds both
   * @throws InvalidInputException when the files are not in one folder or stack
   */
  public VersionStack stackVersion(String previousFileId, String newFileId) {
    FileAsset previous = file(previousFileId);
    FileAsset latest = file(newFileId);
    String previousParent = previous.parentId().orElseThrow(
        () -> new MalformedResponseException("file " + previousFileId + " without parent_id"));
    String latestParent = latest.parentId().orElseThrow(
        () -> new MalformedResponseException("file " + newFileId + " without parent_id"));
    if (previousParent.equals(latestParent)) {
      return createVersionStack(latestParent, List.of(previousFileId, newFileId));
    }
    VersionStack stack;
    try {
      stack = versionStack(previousParent);
    } catch (ResourceNotFoundException e) {
      throw new InvalidInputException("file " + newFileId, 0, "parent_id",
          "is not in the folder of file " + previousFileId + " nor can it join a stack: "
              + previousFileId + " sits in " + previousParent + ", which is no version stack");
    }
    if (!stack.parentId().equals(latest.parentId())) {
      throw new InvalidInputException("file " + newFileId, 0, "parent_id",
          "must be in the folder of the version stack " + stack.id() + " before it can join it");
    }
    moveFile(newFileId, stack.id());
    return versionStack(stack.id());
  }

  /**
   * Comments on a file at a timecode ({@code HH:MM:SS:FF}, video and audio only). A lost answer is
   * checked for (same text and timecode, created within the last minutes) before trying again.
   */
  public Comment createComment(String fileId, String text, String timecode) {
    if (timecode != null && !TIMECODE.matcher(timecode).matches()) {
      throw new InvalidInputException(null, 0, "timecode", "'" + timecode + "' is not HH:MM:SS:FF");
    }
    ObjectNode data = Json.object().put("text", Objects.requireNonNull(text, "text"));
    if (timecode != null) {
      data.put("timestamp", timecode);
    }
    Instant since = client.clock().instant().minus(CLOCK_SKEW);
    ApiRequest request = post(Endpoint.CREATE_COMMENT, data, fileId)
        .withQuery(Map.of("timestamp_as_timecode", "true"))
        .withCheck(() -> Pager.stream(transport, commentsRequest(fileId, false), json -> Optional.of(json))
            .filter(json -> text.equals(Json.text(json, "text").orElse(null)))
            .filter(json -> timecode == null || timecode.equals(Json.text(json, "timestamp").orElse(null)))
            .filter(json -> Json.instant(json, "created_at").map(t -> !t.isBefore(since)).orElse(false))
            .findFirst());
    return Mapping.comment(transport.execute(request).data());
  }

  /**
   * {@code GET .../comments/{id}} with its owner, the timestamp as a timecode where the service
   * honours {@code timestamp_as_timecode}: what a {@code comment.created} webhook (ids only) is
   * followed by.
   *
   * @throws ResourceNotFoundException when the comment was deleted
   */
  public Comment comment(String commentId) {
    return Mapping.comment(data(get(Endpoint.COMMENT, commentId)
        .withQuery(Map.of("include", "owner", "timestamp_as_timecode", "true"))));
  }

  /** Custom metadata of this account: field definitions, file values, bulk updates. */
  public FrameioMetadata metadata() {
    return new FrameioMetadata(this, transport);
  }

  /** Shares (review links) of this account's projects. */
  public FrameioShares shares() {
    return new FrameioShares(this, transport, client.clock());
  }

  /** A comment on the whole file (no timecode). */
  public Comment createComment(String fileId, String text) {
    return createComment(fileId, text, null);
  }

  /** A file's comments with their owners and replies, timestamps as timecodes, lazily. */
  public Stream<Comment> comments(String fileId) {
    return Pager.stream(transport, commentsRequest(fileId, true), json -> Optional.of(Mapping.comment(json)));
  }

  private ApiRequest commentsRequest(String fileId, boolean include) {
    Map<String, String> query = new LinkedHashMap<>();
    if (include) {
      query.put("include", "owner,replies");
    }
    query.put("timestamp_as_timecode", "true");
    query.put("page_size", String.valueOf(MAX_PAGE_SIZE));
    return get(Endpoint.COMMENTS, fileId).withQuery(query);
  }

  /**
   * Creates a webhook; the answer carries its signing {@link Webhook#secret()}, shown only once.
   * When an attempt's answer is lost, a webhook it may have created cannot give its secret any
   * more, so such a webhook (same name and URL, created within the last minutes) is deleted and
   * the create made again.
   */
  public Webhook createWebhook(String workspaceId, String name, URI url, List<String> events) {
    requireName(name, "name");
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a webhook needs at least one event");
    }
    ObjectNode data = Json.object().put("name", name).put("url", url.toString());
    ArrayNode list = data.putArray("events");
    events.forEach(list::add);
    Instant since = client.clock().instant().minus(CLOCK_SKEW);
    ApiRequest request = post(Endpoint.CREATE_WEBHOOK, data, workspaceId).withCheck(() -> {
      webhooks(workspaceId)
          .filter(w -> w.name().equals(name) && w.url().equals(url.toString()))
          .filter(w -> w.createdAt().map(t -> !t.isBefore(since)).orElse(false))
          .forEach(orphan -> deleteWebhook(orphan.id()));
      return Optional.empty();
    });
    return Mapping.webhook(transport.execute(request).data());
  }

  /** The webhooks of a workspace, lazily (secrets are never included). */
  public Stream<Webhook> webhooks(String workspaceId) {
    return Pager.stream(transport, get(Endpoint.WEBHOOKS, workspaceId),
        json -> Optional.of(Mapping.webhook(json)));
  }

  /**
   * {@code GET .../webhooks/{id}} (without the secret).
   *
   * @throws ResourceNotFoundException when the webhook was deleted
   */
  public Webhook webhook(String webhookId) {
    return Mapping.webhook(data(get(Endpoint.WEBHOOK, webhookId)));
  }

  /** {@code PATCH .../webhooks/{id}} with only the settings present in {@code update}; retried freely
   * (setting the same values twice is harmless). Returns the webhook as it now is.
   */
  public Webhook updateWebhook(String webhookId, WebhookUpdate update) {
    ObjectNode data = Json.object();
    update.name().ifPresent(name -> data.put("name", name));
    update.url().ifPresent(url -> data.put("url", url));
    update.events().ifPresent(events -> events.forEach(data.withArray("events")::add));
    update.active().ifPresent(active -> data.put("active", active));
    ApiRequest request = ApiRequest.of(Endpoint.UPDATE_WEBHOOK, path(Endpoint.UPDATE_WEBHOOK, webhookId))
        .withBody(Json.envelope(data));
    return Mapping.webhook(transport.execute(request).data());
  }

  /**
   * {@code DELETE .../webhooks/{id}}.
   *
   * @throws ResourceNotFoundException when it was already deleted
   */
  public void deleteWebhook(String webhookId) {
    transport.execute(ApiRequest.of(Endpoint.DELETE_WEBHOOK, path(Endpoint.DELETE_WEBHOOK, webhookId)));
  }

  private ApiRequest childrenRequest(String folderId, AssetType type, int pageSize) {
    ApiRequest request = paged(Endpoint.FOLDER_CHILDREN, folderId, pageSize);
    if (type == null) {
      return request;
    }
    Map<String, String> query = new LinkedHashMap<>(request.query());
    query.put("type", type.toWire());
    return request.withQuery(query);
  }

  /** A folder listing; all four (children, folders, files, version stacks) take pages up to 500. */
  private ApiRequest paged(Endpoint endpoint, String folderId, int pageSize) {
    if (pageSize < 1 || pageSize > MAX_FOLDER_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be 1 to " + MAX_FOLDER_PAGE_SIZE + ", was " + pageSize);
    }
    return get(endpoint, folderId).withQuery(Map.of("page_size", String.valueOf(pageSize)));
  }

  /** {@code endpoint} on this account's path, for the account's other views (metadata, shares). */
  ApiRequest request(Endpoint endpoint, String... ids) {
    return get(endpoint, ids);
  }

  private ApiRequest get(Endpoint endpoint, String... ids) {
    return ApiRequest.of(endpoint, path(endpoint, ids));
  }

  private ApiRequest post(Endpoint endpoint, ObjectNode data, String id) {
    return ApiRequest.of(endpoint, path(endpoint, id)).withBody(Json.envelope(data));
  }

  private String path(Endpoint endpoint, String... ids) {
    String[] all = new String[ids.length + 1];
    all[0] = accountId;
    System.arraycopy(ids, 0, all, 1, ids.length);
    return endpoint.path(all);
  }

  private JsonNode data(ApiRequest request) {
    return transport.execute(request).data();
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw new IllegalArgumentException(what + " must be 1 to 255 characters");
    }
  }
}
