package io.postflow.testkit;

import java.util.ArrayList;
import java.util.List;

/** {@code /v4/me}, accounts, workspaces and projects: the fixed top of the resource tree. */
final class AccountsHandler {
  private final SandboxStore store;
  private final Views views;

  AccountsHandler(SandboxStore store, Views views) {
    this.store = store;
    this.views = views;
  }

  void register(Router router) {
    router.add("GET", "/v4/me", "users.show", RateLimit.HUNDRED_PER_MINUTE,
        r -> store.locked(() -> ApiResponse.ok(views.me())));
    router.add("GET", "/v4/accounts", "accounts.index", RateLimit.HUNDRED_PER_MINUTE,
        r -> store.locked(() -> Pagination.page(r, store.pageLimits, List.of(store.accountId),
            id -> views.account())));
    router.add("GET", "/v4/accounts/{account_id}/workspaces", "workspaces.index",
        RateLimit.HUNDRED_PER_MINUTE, r -> store.locked(() -> {
          List<String> includes = r.includes(Includes.CREATOR);
          store.checkAccount(r.accountId());
          return Pagination.page(r, store.pageLimits, List.of(store.workspaceId),
              id -> views.workspace(includes));
        }));
    router.add("GET", "/v4/accounts/{account_id}/workspaces/{workspace_id}/projects", "projects.index",
        RateLimit.HUNDRED_PER_MINUTE, r -> store.locked(() -> {
          List<String> includes = r.includes(Includes.PROJECT);
          store.checkWorkspace(r.accountId(), r.param("workspace_id"));
          return Pagination.page(r, store.pageLimits, new ArrayList<>(store.projects.values()),
              p -> views.project(p, includes));
        }));
    router.add("GET", "/v4/accounts/{account_id}/projects/{project_id}", "projects.show",
        RateLimit.HUNDRED_PER_MINUTE,
        r -> {
          List<String> includes = r.includes(Includes.PROJECT);
          return store.locked(() -> ApiResponse.ok(
              views.project(store.project(r.accountId(), r.param("project_id")), includes)));
        });
  }
}
