package io.postflow.testkit;

import java.util.Map;

/**
 * The orders of folder listings. The document names no default order and declares a {@code sort}
 * parameter only on {@code files.list} ({@code FileSort}); the sandbox lists by name (its first
 * value, {@code name_asc}, also the document's example), so code that assumes "the last child is
 * the newest" fails here as it can on Frame.io. Ties are broken by id.
 */
final class AssetOrderings {
  static final Ordering<Asset> BY_NAME = Ordering.ascending(a -> new SortKey(a.name, a.id));

  private static final Map<String, Ordering<Asset>> FILE_SORTS = Map.of(
      "name_asc", BY_NAME,
      "name_desc", Ordering.descending(a -> new SortKey(a.name, a.id)),
      // creation sequence, not the timestamp: several assets created in one clock tick keep their order
      "created_at_asc", Ordering.ascending(a -> SortKey.of(a.seq, a.id)),
      "created_at_desc", Ordering.descending(a -> SortKey.of(a.seq, a.id)),
      "updated_at_asc", Ordering.ascending(a -> SortKey.of(a.updatedAt, a.id)),
      "updated_at_desc", Ordering.descending(a -> SortKey.of(a.updatedAt, a.id)),
      "file_size_asc", Ordering.ascending(AssetOrderings::bySize),
      "file_size_desc", Ordering.descending(AssetOrderings::bySize));

  private AssetOrderings() {}

  /** The ordering {@code files.list} was asked for with {@code sort}; by name without one. */
  static Ordering<Asset> files(ApiRequest request) {
    return Ordering.fromQuery(request, FILE_SORTS, BY_NAME);
  }

  private static SortKey bySize(Asset asset) {
    return SortKey.of(asset instanceof FileAsset file ? file.fileSize : 0, asset.id);
  }
}
