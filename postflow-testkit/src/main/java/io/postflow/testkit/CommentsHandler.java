package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Comments on files: create ({@code text} required; {@code timestamp} a frame number or an
 * {@code HH:MM:SS:FF} string, only on video/audio; {@code duration} in frames, only with a timestamp)
 * list and show (accepting {@code include=owner,replies}).
 */
final class CommentsHandler {
  private static final Pattern TIMECODE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}[:;]\\d{2}");
  private static final Set<String> FIELDS = Set.of("text", "timestamp", "duration", "anchor", "annotation",
      "attachments", "completed", "links", "page", "text_review_annotation");

  private final SandboxStore store;
  private final Views views;
  private final WebhookEvents events;

  CommentsHandler(SandboxStore store, Views views, WebhookEvents events) {
    this.store = store;
    this.views = views;
    this.events = events;
  }

  /** Oldest first, as a review reads; the document names no default. */
  private static final Ordering<CommentRecord> BY_CREATION = Ordering.ascending(c -> SortKey.of(c.createdAt(), c.id()));
  /** The documented CommentSort values the sandbox can honour (one owner, no completion). */
  private static final java.util.Map<String, Ordering<CommentRecord>> SORTS = java.util.Map.of(
      "created_at_asc", BY_CREATION,
      "created_at_desc", Ordering.descending(c -> SortKey.of(c.createdAt(), c.id())));

  void register(Router router) {
    String comments = "/v4/accounts/{account_id}/files/{file_id}/comments";
    router.add("POST", comments, "comments.create", RateLimit.HUNDRED_PER_MINUTE, this::create);
    router.add("GET", comments, "comments.index", RateLimit.HUNDRED_PER_MINUTE, r -> {
      List<String> includes = r.includes(Includes.COMMENT);
      return store.locked(() -> {
        FileAsset file = store.file(r.accountId(), r.param("file_id"));
        List<CommentRecord> list = new ArrayList<>(store.comments.getOrDefault(file.id, List.of()));
        return Pagination.page(r, store.pageLimits, list, Ordering.fromQuery(r, SORTS, BY_CREATION),
            c -> views.comment(c, includes));
      });
    });
    // comments.show: what a comment.created webhook (ids only) is followed by
    router.add("GET", "/v4/accounts/{account_id}/comments/{comment_id}", "comments.show",
        RateLimit.HUNDRED_PER_MINUTE, r -> {
          List<String> includes = r.includes(Includes.COMMENT);
          return store.locked(() -> {
            store.checkAccount(r.accountId());
            for (List<CommentRecord> list : store.comments.values()) {
              for (CommentRecord c : list) {
                if (c.id().equals(r.param("comment_id"))) {
                  return ApiResponse.ok(views.comment(c, includes));
                }
              }
            }
            throw ApiException.notFound("Comment " + r.param("comment_id"));
          });
        });
  }

  private ApiResponse create(ApiRequest r) {
    ObjectNode data = r.data(FIELDS, Set.of("text"));
    String text = RequestBodies.string(data, "text", 1, 40_000);
    JsonNode timestamp = data.get("timestamp");
    Long duration = RequestBodies.integer(data, "duration", 1, Integer.MAX_VALUE);
    if (timestamp != null && !timestamp.isNull()) {
      boolean frame = timestamp.isIntegralNumber() && timestamp.asLong() >= 0;
      boolean timecode = timestamp.isTextual() && TIMECODE.matcher(timestamp.asText()).matches();
      if (!frame && !timecode) {
        throw ApiException.invalid("/data/timestamp", "timestamp must be a frame number or HH:MM:SS:FF");
      }
    } else if (duration != null) {
      throw ApiException.invalid("/data/duration", "duration requires timestamp");
    }
    CommentRecord comment = store.locked(() -> {
      FileAsset file = store.file(r.accountId(), r.param("file_id"));
      if (timestamp != null && !timestamp.isNull()
          && !(file.mediaType.startsWith("video/") || file.mediaType.startsWith("audio/")
              || file.mediaType.equals("application/mxf"))) {
        throw ApiException.invalid("/data/timestamp", "timestamp is only allowed on video and audio files");
      }
      CommentRecord c = new CommentRecord(SandboxStore.newId(), file.id, store.userId, text,
          timestamp == null ? Json.MAPPER.nullNode() : timestamp, duration, store.clock.instant());
      store.comments.computeIfAbsent(file.id, k -> new ArrayList<>()).add(c);
      return c;
    });
    String projectId = store.locked(() -> store.assets.get(comment.fileId()).projectId);
    events.emit("comment.created", comment.id(), "comment", projectId);
    List<String> includes = r.includes(Includes.COMMENT);
    return store.locked(() -> ApiResponse.created(views.comment(comment, includes)));
  }
}
