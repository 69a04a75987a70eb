package io.postflow.pipeline.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * How the workers go about their work, as {@code PostFlow.builder()} validated it.
 *
 * @param agentId this agent's name in the journal's leases
 * @param workers how many deliveries run at once (and so uploads)
 * @param leaseLength how long a claim lasts unrenewed; renewed every third of it while working
 * @param maxAttempts attempts before a retryable failure becomes final
 * @param retryBaseDelay the first retry's wait, doubling up to {@code retryMaxDelay}
 * @param retryMaxDelay the longest wait between attempts (before jitter)
 * @param idlePoll the longest an idle worker waits before asking the journal again
 * @param stackWait how long a version waits before checking again whether its predecessors are done
 * @param clock the time recorded in facts and retry times
 */
public record WorkSettings(
    String agentId,
    int workers,
    Duration leaseLength,
    int maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration idlePoll,
    Duration stackWait,
    Clock clock) {}
