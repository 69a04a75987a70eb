package io.postflow.cli;

import io.postflow.pipeline.PostFlow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: the pipeline and what is attached to it (the dashboard, when it is there),
 * stopped in reverse order. An attachment is added with one call,
 * {@code agent.attach(postflow -> Dashboard.serve(postflow))}, and is closed before the pipeline,
 * so it never reads a closed journal.
 */
final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final PostFlow postflow;
  private final Deque<AutoCloseable> attached = new ArrayDeque<>();

  private Agent(PostFlow postflow) {
    this.postflow = postflow;
  }

  /** Starts {@code postflow}; closes it again if it cannot start. */
  static Agent start(PostFlow postflow) {
    try {
      postflow.start();
    } catch (RuntimeException e) {
      postflow.close();
      throw e;
    }
    return new Agent(postflow);
  }

  PostFlow postflow() {
    return postflow;
  }

  /** Starts something beside the pipeline; it is closed first when the agent stops. */
  <T extends AutoCloseable> T attach(Function<PostFlow, T> starter) {
    T started = starter.apply(postflow);
    attached.push(started);
    return started;
  }

  /** Stops the attachments, then the pipeline (uploads in flight get its grace period). */
  @Override
  public void close() {
    while (!attached.isEmpty()) {
      AutoCloseable next = attached.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", next, e.toString());
      }
    }
    postflow.close();
  }
}
