package io.postflow.frameio;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One page of a listing. Most callers use the {@code Stream}-returning methods, which fetch pages
 * on demand; a page is for callers that keep the cursor themselves. Immutable.
 */
@Value.Immutable
public abstract class Page<T> {
  /** The items of this page, in the service's order. */
  public abstract List<T> items();

  /**
   * The relative link to the next page ({@code links.next}), empty on the last page. Pass it back
   * unchanged; the client re-appends the original query parameters.
   */
  public abstract Optional<String> next();

  /** The total, when it was asked for with {@code include_total_count}. */
  public abstract OptionalLong totalCount();

  /** Whether there is a further page. */
  public boolean hasNext() {
    return next().isPresent();
  }
}
