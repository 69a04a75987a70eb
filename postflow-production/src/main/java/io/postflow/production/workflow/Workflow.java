package io.postflow.production.workflow;

import io.postflow.api.IllegalTransitionException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A production's workflow as data: its stages in order, the statuses of each, which status may
 * follow which, the status the pipeline sets when a version is on Frame.io ({@link #delivered()})
 * and the one a reviewer's approval sets ({@link #approved()}).
 *
 * <p>Every status may be {@link ShotStatus#blocked blocked}; a blocked shot may go back to the
 * status it was blocked in, or anywhere that status may go. Setting the status a shot already
 * has is always allowed (and changes nothing).
 *
 * <pre>{@code
 * Workflow standard = Workflow.standard();                 // 12 statuses, 5 stages
 * Workflow studio = Workflow.load(Path.of("workflow.json")); // a studio's own (docs/workflow.md)
 * studio.check("UNDLM_00042", ShotStatus.PENDING, ShotStatus.REVIEW_APPROVED); // throws
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Workflow {
  private static final String STANDARD_RESOURCE = "standard-workflow.json";
  private static final Workflow STANDARD = loadStandard();

  private final String source;
  private final List<String> stages;
  private final List<ShotStatus> statuses;
  private final Map<String, ShotStatus> byName;
  private final Map<String, Set<String>> transitions;
  private final ShotStatus delivered;
  private final ShotStatus approved;

  Workflow(String source, List<String> stages, List<ShotStatus> statuses, Map<String, Set<String>> transitions,
      ShotStatus delivered, ShotStatus approved) {
    this.source = source;
    this.stages = List.copyOf(stages);
    this.statuses = List.copyOf(statuses);
    Map<String, ShotStatus> names = new LinkedHashMap<>();
    statuses.forEach(s -> names.put(s.name(), s));
    this.byName = Map.copyOf(names);
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    transitions.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    this.transitions = Map.copyOf(copy);
    this.delivered = delivered;
    this.approved = approved;
  }

  /** The default workflow: the 11 statuses of {@link ShotStatus#defaults()} in 5 stages, plus blocked. */
  public static Workflow standard() {
    return STANDARD;
  }

  /**
   * Reads a workflow file (JSON, {@code "format": "postflow-workflow/1"}; see docs/workflow.md).
   *
   * @throws InvalidInputException naming the file and the field that is wrong
   * @throws LocalFileException when the file cannot be read
   */
  public static Workflow load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LocalFileException("cannot read the workflow file", file, e);
    }
    return parse(bytes, file.toString());
  }

  /**
   * Reads a workflow from JSON bytes; {@code source} names it in errors.
   *
   * @throws InvalidInputException naming the source and the field that is wrong
   */
  public static Workflow parse(byte[] json, String source) {
    return WorkflowFile.parse(json, source);
  }

  /** Where this workflow was read from, for messages. */
  public String source() {
    return source;
  }

  /** The stages in order. */
  public List<String> stages() {
    return stages;
  }

  /** The working statuses in order (stage by stage); blocked is any of them, blocked. */
  public List<ShotStatus> statuses() {
    return statuses;
  }

  /** The statuses of one stage, in order; empty for a stage this workflow does not have. */
  public List<ShotStatus> statuses(String stage) {
    return statuses.stream().filter(s -> s.stage().equals(stage)).collect(Collectors.toList());
  }

  /** The first status: where every shot starts. */
  public ShotStatus initial() {
    return statuses.get(0);
  }

  /** What the pipeline sets when Frame.io has confirmed a version of the shot. */
  public ShotStatus delivered() {
    return delivered;
  }

  /** What a reviewer's approval in Frame.io sets. */
  public ShotStatus approved() {
    return approved;
  }

  /** The working status with this name (not blocked, which needs its origin: {@link #status(String, String)}). */
  public Optional<ShotStatus> status(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The status with this name; for {@code blocked}, blocked in {@code blockedFrom}.
   *
   * @throws IllegalArgumentException when this workflow has no such status, or {@code blocked}
   *     comes without a known status it was blocked in
   */
  public ShotStatus status(String name, String blockedFrom) {
    if (ShotStatus.BLOCKED_NAME.equals(name)) {
      ShotStatus from = blockedFrom == null ? null : byName.get(blockedFrom);
      if (from == null) {
        throw new IllegalArgumentException("'blocked' needs the status it was blocked in, one of " + names(statuses)
            + (blockedFrom == null ? "" : "; '" + blockedFrom + "' is none of them"));
      }
      return ShotStatus.blocked(from);
    }
    return status(name).orElseThrow(() -> new IllegalArgumentException("no status '" + name + "' in workflow "
        + source + " (statuses: " + names(statuses) + ", blocked)"));
  }

  /** Whether this workflow knows the status (a blocked one: the status it was blocked in). */
  public boolean contains(ShotStatus status) {
    ShotStatus working = status.blockedFrom().orElse(status);
    return working.equals(byName.get(working.name()));
  }

  /** Whether a shot may go from {@code from} to {@code to}. */
  public boolean allows(ShotStatus from, ShotStatus to) {
    if (from.equals(to)) {
      return true;
    }
    if (!contains(from) || !contains(to)) {
      return false;
    }
    if (to.isBlocked()) {
      // Blocking keeps where the shot was: only "blocked in the current status" is a move.
      return to.blockedFrom().get().equals(from.blockedFrom().orElse(from));
    }
    ShotStatus origin = from.blockedFrom().orElse(from);
    if (from.isBlocked() && origin.equals(to)) {
      return true;
    }
    return transitions.getOrDefault(origin.name(), Set.of()).contains(to.name());
  }

  /**
   * The statuses a shot may go to from {@code from}, in workflow order, blocked included.
   */
  public List<ShotStatus> next(ShotStatus from) {
    List<ShotStatus> next = new ArrayList<>();
    ShotStatus origin = from.blockedFrom().orElse(from);
    for (ShotStatus candidate : statuses) {
      if (!candidate.equals(from) && allows(from, candidate)) {
        next.add(candidate);
      }
    }
    if (!from.isBlocked() && contains(origin)) {
      next.add(ShotStatus.blocked(origin));
    }
    return next;
  }

  /**
   * Refuses a move the workflow does not allow.
   *
   * @throws IllegalTransitionException naming the shot and both statuses, and what is allowed
   */
  public void check(String shot, ShotStatus from, ShotStatus to) {
    if (!allows(from, to)) {
      String allowed = contains(to) || to.isBlocked() ? names(next(from))
          : names(next(from)) + "; '" + to.name() + "' is not a status of workflow " + source;
      throw new IllegalTransitionException(shot, from, to, allowed);
    }
  }

  /** 0-based position in {@link #statuses()}; a blocked status has the position it was blocked in. */
  public int position(ShotStatus status) {
    return statuses.indexOf(status.blockedFrom().orElse(status));
  }

  /** Progress of these shots: counts by status and stage, approved, blocked, percent. */
  public Progress progress(Collection<Shot> shots) {
    return Progress.of(this, shots);
  }

  /** {@link #progress} per scene, by scene number in order of first appearance. */
  public Map<Integer, Progress> progressByScene(Collection<Shot> shots) {
    Map<Integer, List<Shot>> byScene = new LinkedHashMap<>();
    for (Shot shot : shots) {
      byScene.computeIfAbsent(shot.scene().number(), k -> new ArrayList<>()).add(shot);
    }
    Map<Integer, Progress> progress = new LinkedHashMap<>();
    byScene.forEach((scene, list) -> progress.put(scene, Progress.of(this, list)));
    return progress;
  }

  @Override
  public String toString() {
    return "Workflow[" + source + ": " + stages.size() + " stages, " + statuses.size() + " statuses + blocked]";
  }

  static String names(Collection<ShotStatus> statuses) {
    Set<String> names = new LinkedHashSet<>();
    statuses.forEach(s -> names.add(s.toString()));
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }

  private static Workflow loadStandard() {
    try (InputStream in = Workflow.class.getResourceAsStream(STANDARD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(STANDARD_RESOURCE + " is missing from postflow-production");
      }
      return parse(in.readAllBytes(), "standard");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
