package io.postflow.frameio;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A project of a workspace; everything in it hangs below {@link #rootFolderId()}. Immutable. */
@Value.Immutable
public abstract class Project {
  public abstract String id();

  public abstract String name();

  public abstract Optional<String> workspaceId();

  /** The folder to resolve {@link io.postflow.api.FolderPath}s against. */
  public abstract String rootFolderId();

  /** {@code active} or {@code inactive}, as the service says. */
  public abstract Optional<String> status();

  public abstract Optional<String> viewUrl();

  public abstract Optional<Instant> createdAt();
}
