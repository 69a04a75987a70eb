package io.postflow.frameio;

import io.postflow.api.AgentLock;
import io.postflow.api.ConfigurationException;
import io.postflow.api.FolderPath;
import io.postflow.api.StructureManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StructureManager} on Frame.io: resolves {@code WIP_BYSHOT/SC03_BUS/UNDLM_00042} below a
 * folder into a folder id, creating only what is missing.
 *
 * <pre>{@code
 * StructureManager folders = FrameioStructureManager.builder().client(frameio).accountId(accountId).build();
 * String shotFolder = folders.ensure(project.rootFolderId(), FolderPath.parse("WIP_BYSHOT/SC03_BUS/UNDLM_00042"));
 * }</pre>
 *
 * <p><b>How.</b> Each folder is listed once (sub-folders only, in pages of up to 500) and the
 * listing kept for the TTL, so hundreds of sibling shots cost one listing; a name missing from a
 * fresh listing is created, and a folder just created is known to be empty without listing it.
 * Work is single-flight per (parent folder id, name) and per listed folder: however many threads
 * ask for the same or overlapping paths, each folder is listed once and each missing folder created
 * once. When two folders of one name exist the oldest is used (a WARN is logged once). A listing
 * taken while a create in the same folder is on its way still holds the new folder, so it is never
 * created twice. A cached id that turns out deleted (404) is forgotten with
 * what was cached below that id, never by path (another thread may already have made the path again),
 * and the path ensured again from the first folder still there (one listing per level climbed;
 * each missing folder is then created once). A 404 for {@code parentFolderId} itself is thrown. A
 * create that failed or was cancelled drops its parent's listing, so the next attempt looks again
 * before creating.
 *
 * <p>Only this process is coordinated unless an {@link AgentLock} is given ({@link
 * Builder#agentLock}): then each create runs under that lock, keyed by parent folder and name,
 * after a fresh listing of the parent, so agents on other machines sharing the lock create each
 * folder once and adopt the one another agent made. Without it, another process creating the
 * same folder within the TTL can produce a duplicate (then the oldest wins for both). Ids of leaf
 * folders are not re-checked while cached: a caller that gets a 404 when using one should
 * {@link #invalidate} it.
 *
 * <p><b>Contract.</b> Thread-safe; {@link #ensure} blocks, {@link #ensureAsync} runs on the
 * executor and its {@code cancel} aborts the call in progress. Throws what {@link FrameioClient}
 * throws.
 */
public final class FrameioStructureManager implements StructureManager {
  private static final Logger LOG = LoggerFactory.getLogger(FrameioStructureManager.class);

  private final FrameioAccount account;
  private final Clock clock;
  private final Duration ttl;
  private final int pageSize;
  private final Executor executor;
  private final FrameioClient client;
  private final AgentLock agentLock;

  private final ConcurrentMap<PathKey, CachedId> paths = new ConcurrentHashMap<>();
  private final ListingCache listings = new ListingCache();
  private final SingleFlight<String, FolderListing> listingFlights = new SingleFlight<>();
  private final SingleFlight<ChildKey, String> createFlights = new SingleFlight<>();
  private final Set<ChildKey> warnedDuplicates = ConcurrentHashMap.newKeySet();
  /** Folders that answered 404, and what was cached below them: never used again. */
  private final Set<String> gone = ConcurrentHashMap.newKeySet();

  private record PathKey(String parentFolderId, FolderPath path) {}

  private record ChildKey(String parentFolderId, String name) {}

  /** {@code id} was found or created in {@code parentId}. */
  private record CachedId(String id, String parentId, Instant expiresAt) {}

  private FrameioStructureManager(Builder builder) {
    this.client = builder.client;
    this.account = builder.client.account(builder.accountId);
    this.clock = builder.clock != null ? builder.clock : builder.client.clock();
    this.ttl = builder.ttl;
    this.pageSize = builder.pageSize;
    this.executor = builder.executor != null ? builder.executor : builder.client.executor();
    this.agentLock = builder.agentLock;
  }

  /** A builder; {@code client} and {@code accountId} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String ensure(String parentFolderId, FolderPath path) {
    Objects.requireNonNull(parentFolderId, "parentFolderId");
    Objects.requireNonNull(path, "path");
    // Each round that meets a deleted cached folder forgets it and everything below it, and drops
    // its parent's listing, so the next round looks one level higher: a folder deleted several
    // levels up (with its whole subtree) costs one round per level, and the folders are then
    // created once each. The bound only matters if folders keep being deleted meanwhile.
    for (int round = 0; ; round++) {
      try {
        return resolve(parentFolderId, path);
      } catch (CachedFolderGone gone) {
        if (round >= path.names().size()) {
          throw gone.notFound;
        }
        LOG.debug("cached folder {} below {} is gone; ensuring {} again", gone.folderId, parentFolderId,
            path);
      }
    }
  }

  @Override
  public CompletableFuture<String> ensureAsync(String parentFolderId, FolderPath path) {
    return InterruptibleTask.submit(executor, () -> ensure(parentFolderId, path));
  }

  @Override
  public void invalidate(String parentFolderId, FolderPath path) {
    if (path.names().size() <= 1) {
      listings.drop(parentFolderId);
    } else {
      CachedId parent = paths.get(new PathKey(parentFolderId, path.parent()));
      if (parent != null) {
        listings.drop(parent.id());
      }
    }
    paths.entrySet().removeIf(entry -> {
      boolean below = entry.getKey().parentFolderId().equals(parentFolderId)
          && startsWith(entry.getKey().path(), path);
      if (below) {
        listings.forgetId(entry.getValue().id());
      }
      return below;
    });
  }

  private void lookedUp(boolean cached) {
    try {
      client.observer().onFolderLookup(cached);
    } catch (RuntimeException e) {
      LOG.warn("FrameioObserver failed; ignored", e);
    }
  }

  private String resolve(String rootId, FolderPath path) {
    String currentId = rootId;
    String aboveId = null; // the folder currentId is in; null while currentId is the caller's
    FolderPath prefix = FolderPath.root();
    for (String name : path.names()) {
      prefix = prefix.resolve(name);
      PathKey key = new PathKey(rootId, prefix);
      CachedId cached = paths.get(key);
      // an entry found below another folder than the one just resolved is left over from a
      // folder that was deleted and made again: resolve the name in the folder we have instead
      if (cached != null && cached.parentId().equals(currentId) && clock.instant().isBefore(cached.expiresAt())
          && !gone.contains(cached.id())) {
        lookedUp(true);
        aboveId = currentId;
        currentId = cached.id();
        continue;
      }
      String parentId = currentId;
      lookedUp(false);
      try {
        currentId = child(parentId, name);
      } catch (ResourceNotFoundException notFound) {
        // listing or creating in parentId said 404: parentId is gone
        if (aboveId == null) {
          throw notFound; // the caller's own folder: nothing of ours to recreate
        }
        forget(parentId, aboveId);
        throw new CachedFolderGone(parentId, notFound);
      }
      aboveId = parentId;
      CachedId found = new CachedId(currentId, parentId, clock.instant().plus(ttl));
      paths.put(key, found);
      if (gone.contains(parentId) || gone.contains(currentId)) {
        paths.remove(key, found); // another thread found it deleted meanwhile: do not keep it
      }
    }
    return currentId;
  }

  /** The id of sub-folder {@code name} of {@code parentId}, created when missing. */
  private String child(String parentId, String name) {
    String listed = live(listing(parentId).idOf(name));
    if (listed != null) {
      return listed;
    }
    return createFlights.run(new ChildKey(parentId, name), () -> agentLock == null
        ? findOrCreate(parentId, name)
        : agentLock.underLock("folder " + parentId + "/" + name, () -> {
          // Another agent may have made it since our listing: only a listing taken under the
          // lock tells, and a folder is created far more rarely than it is looked up.
          listings.drop(parentId);
          return findOrCreate(parentId, name);
        }));
  }

  private String findOrCreate(String parentId, String name) {
    FolderListing listing = listing(parentId);
    String id = live(listing.idOf(name)); // another flight (or agent) may have created it meanwhile
    if (id != null) {
      return id;
    }
    try {
      id = account.createFolder(parentId, name).id();
    } catch (RuntimeException e) {
      listings.drop(parentId, listing); // did it happen? look again next time
      throw e;
    }
    LOG.debug("created folder '{}' in {}: {}", name, parentId, id);
    // a folder created a moment ago is empty: no need to spend a listing (100/min) to learn that
    listings.created(parentId, name, id, new FolderListing(Map.of(), clock.instant().plus(ttl)));
    return id;
  }

  private String live(String id) {
    return id == null || gone.contains(id) ? null : id;
  }

  private FolderListing listing(String folderId) {
    FolderListing listing = listings.get(folderId);
    if (listing != null && listing.isFresh(clock.instant())) {
      return listing;
    }
    return listingFlights.run(folderId, () -> {
      FolderListing current = listings.get(folderId);
      if (current != null && current.isFresh(clock.instant())) {
        return current;
      }
      listings.loading(folderId);
      FolderListing loaded;
      try {
        loaded = load(folderId);
      } catch (RuntimeException | Error e) {
        listings.loadFailed(folderId);
        throw e;
      }
      return listings.loaded(folderId, loaded);
    });
  }

  private FolderListing load(String folderId) {
    Map<String, List<Folder>> byName = account.children(folderId, AssetType.FOLDER, pageSize)
        .filter(Folder.class::isInstance)
        .map(Folder.class::cast)
        .collect(Collectors.groupingBy(Folder::name));
    Map<String, String> ids = new HashMap<>();
    byName.forEach((name, folders) -> {
      // groupingBy never makes an empty group
      Folder oldest = Collections.min(folders,
          Comparator.comparing((Folder f) -> f.createdAt().orElse(Instant.MAX)).thenComparing(Folder::id));
      if (folders.size() > 1 && warnedDuplicates.add(new ChildKey(folderId, name))) {
        LOG.warn("folder {} holds {} folders named '{}'; using the oldest, {}", folderId,
            folders.size(), name, oldest.id());
      }
      ids.put(name, oldest.id());
    });
    return new FolderListing(ids, clock.instant().plus(ttl));
  }

  /**
   * {@code deadId} (in {@code aboveId}) answered 404: forget it and what was cached below it, by
   * id, and nothing else. Forgetting by path would also drop what other threads have made at
   * that path since the id died, and some of them may still be holding the dead id.
   */
  private void forget(String deadId, String aboveId) {
    boolean first = gone.add(deadId);
    Deque<String> dead = new ArrayDeque<>(List.of(deadId));
    while (!dead.isEmpty()) {
      String id = dead.poll();
      listings.forgetId(id);
      paths.forEach((key, cached) -> {
        if (cached.id().equals(id)) {
          paths.remove(key, cached);
        } else if (cached.parentId().equals(id) && paths.remove(key, cached) && gone.add(cached.id())) {
          dead.add(cached.id());
        }
      });
    }
    if (first) {
      // the folder it was in may have gone with it: list that again rather than trust the cache
      // (a later 404 for the same id comes from a thread that held it longer: nothing new to learn)
      listings.drop(aboveId);
    }
  }

  /** A folder id the manager had cached (not the caller's) turned out deleted; never escapes ensure. */
  private static final class CachedFolderGone extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String folderId;
    final transient ResourceNotFoundException notFound;

    CachedFolderGone(String folderId, ResourceNotFoundException notFound) {
      super(null, notFound, false, false);
      this.folderId = folderId;
      this.notFound = notFound;
    }
  }

  private static boolean startsWith(FolderPath path, FolderPath prefix) {
    List<String> names = path.names();
    return names.size() >= prefix.names().size()
        && names.subList(0, prefix.names().size()).equals(prefix.names());
  }

  /** The client this manager calls through. */
  public FrameioClient client() {
    return client;
  }

  /** Builds a {@link FrameioStructureManager}; {@link #build()} names the setting it rejects. */
  public static final class Builder {
    private FrameioClient client;
    private String accountId;
    private Duration ttl = Duration.ofMinutes(10);
    private Clock clock;
    private Executor executor;
    private int pageSize = FrameioAccount.MAX_FOLDER_PAGE_SIZE;
    private AgentLock agentLock;

    private Builder() {}

    /**
     * The lock that agents sharing a journal create folders under (the shared journal's); default
     * none: only this process's threads are coordinated.
     */
    public Builder agentLock(AgentLock agentLock) {
      this.agentLock = agentLock;
      return this;
    }

    /** Required. */
    public Builder client(FrameioClient client) {
      this.client = client;
      return this;
    }

    /** Required: the account the folders are in. */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /** How long ids and listings are trusted. Default 10 minutes. */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /**
     * The clock cached folder ids and listings expire on (see {@link #ttl}); default the client's.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where {@link #ensureAsync} runs; default the client's executor. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** Folders per listing page, 1 to 500. Default 500. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Validates the settings and builds the manager.
     *
     * @throws ConfigurationException naming the first setting that is missing or wrong
     */
    public FrameioStructureManager build() {
      if (client == null) {
        throw new ConfigurationException("'client' is required");
      }
      if (accountId == null || accountId.isBlank()) {
        throw new ConfigurationException("'accountId' is required");
      }
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new ConfigurationException("'ttl' must be positive, was " + ttl);
      }
      if (pageSize < 1 || pageSize > FrameioAccount.MAX_FOLDER_PAGE_SIZE) {
        throw new ConfigurationException(
            "'pageSize' must be between 1 and " + FrameioAccount.MAX_FOLDER_PAGE_SIZE + ", was " + pageSize);
      }
      return new FrameioStructureManager(this);
    }
  }
}
