package io.postflow.frameio;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A project of a workspace; everything in it hangs below {@link #rootFolderId()}. Immutable. */
@Value.Immutable
public abstract class Project {
  /** The project's UUID. */
  public abstract String id();

  /** The project's name; empty when the service sent none. */
  public abstract String name();

  /** The workspace it belongs to. */
  public abstract Optional<String> workspaceId();

  /** The folder to resolve {@link io.postflow.api.FolderPath}s against. */
  public abstract String rootFolderId();

  /** {@code active} or {@code inactive}, as the service says. */
  public abstract Optional<String> status();

  /** The project's page in Frame.io's web app. */
  public abstract Optional<String> viewUrl();

  /** When it was created. */
  public abstract Optional<Instant> createdAt();
}
