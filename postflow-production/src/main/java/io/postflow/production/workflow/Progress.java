package io.postflow.production.workflow;

import io.postflow.api.Shot;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a set of shots (a scene, the production) has come: the numbers a dashboard shows.
 *
 * @param shots how many shots
 * @param byStatus shots per status name, every status of the workflow in order (zeros included),
 *     {@code blocked} last
 * @param byStage shots per stage, in order (blocked shots count in the stage they were blocked in)
 * @param approved shots at the workflow's approved status or beyond
 * @param blocked shots that are blocked
 * @param percent the mean position of the shots between the first status (0) and the last (100),
 *     blocked ones where they were blocked; 0 for no shots
 */
public record Progress(int shots, Map<String, Integer> byStatus, Map<String, Integer> byStage, int approved,
    int blocked, double percent) {

  public Progress {
    byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
    byStage = Collections.unmodifiableMap(new LinkedHashMap<>(byStage));
  }

  static Progress of(Workflow workflow, Collection<Shot> shots) {
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    workflow.statuses().forEach(s -> byStatus.put(s.name(), 0));
    byStatus.put("blocked", 0);
    Map<String, Integer> byStage = new LinkedHashMap<>();
    workflow.stages().forEach(s -> byStage.put(s, 0));
    int approvedAt = workflow.position(workflow.approved());
    int last = Math.max(1, workflow.statuses().size() - 1);
    int approved = 0;
    int blocked = 0;
    double positions = 0;
    for (Shot shot : shots) {
      byStatus.merge(shot.status().name(), 1, Integer::sum);
      byStage.merge(shot.status().stage(), 1, Integer::sum);
      int position = Math.max(0, workflow.position(shot.status()));
      if (shot.status().isBlocked()) {
        blocked++;
      } else if (position >= approvedAt) {
        approved++;
      }
      positions += position;
    }
    double percent = shots.isEmpty() ? 0 : Math.round(1000.0 * positions / last / shots.size()) / 10.0;
    return new Progress(shots.size(), byStatus, byStage, approved, blocked, percent);
  }
}
