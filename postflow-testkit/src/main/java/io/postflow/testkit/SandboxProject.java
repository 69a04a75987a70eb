package io.postflow.testkit;

/**
 * A project created in the sandbox.
 *
 * @param id project id
 * @param name project name
 * @param rootFolderId id of its root folder
 */
public record SandboxProject(String id, String name, String rootFolderId) {}
