package io.postflow.frameio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** A Frame.io account the user belongs to. Immutable. */
@Value.Immutable
public abstract class Account {
  /** The account's UUID: what {@link FrameioClient#account(String)} takes. */
  public abstract String id();

  /** The name shown in Frame.io; empty when the service sent none. */
  public abstract String displayName();

  /** The user's roles in it, e.g. {@code admin}, {@code member}. */
  public abstract List<String> roles();

  /** Storage the plan allows, in bytes. */
  public abstract OptionalLong storageLimit();

  /** Storage in use, in bytes. */
  public abstract OptionalLong storageUsage();

  /** When the account was created. */
  public abstract Optional<Instant> createdAt();
}
