package io.postflow.cli;

import io.postflow.api.ConfigurationException;
import io.postflow.frameio.Account;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.Project;
import io.postflow.frameio.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The account and project a command works in: the option, else the configuration
 * ({@code FRAMEIO_ACCOUNT_ID}, {@code FRAMEIO_PROJECT_ID}), else the only account and the only
 * project the credentials see: with several, it refuses and lists them rather than guess (a
 * studio's real project is never written to by accident). Reads only.
 */
final class FrameioTarget {
  final FrameioAccount account;
  final Project project;

  private FrameioTarget(FrameioAccount account, Project project) {
    this.account = account;
    this.project = project;
  }

  static FrameioTarget resolve(FrameioClient client, boolean sandbox, Optional<String> accountOption,
      Optional<String> projectOption, PostflowCommand root) {
    Optional<io.postflow.pipeline.Configuration> config = sandbox ? Optional.empty() : Optional.of(root.configuration());
    Optional<String> configuredAccount = config.flatMap(c -> c.text("FRAMEIO_ACCOUNT_ID"));
    Optional<String> configuredProject = config.flatMap(c -> c.text("FRAMEIO_PROJECT_ID"));
    String accountId = accountOption.or(() -> configuredAccount).orElseGet(() -> onlyAccount(client));
    FrameioAccount account = client.account(accountId);
    Optional<String> projectId = projectOption.or(() -> configuredProject);
    Project project = projectId.map(account::project).orElseGet(() -> onlyProject(account));
    return new FrameioTarget(account, project);
  }

  private static String onlyAccount(FrameioClient client) {
    List<Account> accounts = client.accounts();
    if (accounts.isEmpty()) {
      throw new ConfigurationException("these credentials see no Frame.io account");
    }
    if (accounts.size() > 1) {
      StringBuilder ids = new StringBuilder();
      accounts.forEach(a -> ids.append(ids.length() == 0 ? "" : ", ").append(a.id()));
      throw new ConfigurationException("these credentials see " + accounts.size() + " accounts (" + ids
          + "): choose one with --account or FRAMEIO_ACCOUNT_ID");
    }
    return accounts.get(0).id();
  }

  private static Project onlyProject(FrameioAccount account) {
    List<Project> projects = new ArrayList<>();
    for (Workspace workspace : account.workspaces()) {
      projects.addAll(account.projects(workspace.id()));
    }
    if (projects.size() == 1) {
      return projects.get(0);
    }
    if (projects.isEmpty()) {
      throw new ConfigurationException("account " + account.id() + " has no project these credentials can see;"
          + " choose one with --project or FRAMEIO_PROJECT_ID");
    }
    StringBuilder list = new StringBuilder();
    projects.stream().limit(10).forEach(p -> list.append(list.length() == 0 ? "" : ", ")
        .append('"').append(p.name()).append("\" (").append(p.id()).append(')'));
    throw new ConfigurationException("account " + account.id() + " has " + projects.size() + " projects ("
        + list + (projects.size() > 10 ? ", ..." : "") + "): choose one with --project or FRAMEIO_PROJECT_ID");
  }
}
