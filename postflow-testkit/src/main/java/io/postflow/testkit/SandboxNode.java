package io.postflow.testkit;

import java.util.List;

/**
 * A node of a project's asset tree as {@link SandboxInspector#tree()} reports it: folders and
 * version stacks have children, files have a status. Children are in creation order.
 *
 * @param id asset id
 * @param type {@code folder}, {@code file} or {@code version_stack}
 * @param name asset name
 * @param status file status, or {@code null} for folders and version stacks
 * @param children the children, empty for files
 */
public record SandboxNode(String id, String type, String name, String status, List<SandboxNode> children) {
  /** Copies the children so the tree stays immutable. */
  public SandboxNode {
    children = List.copyOf(children);
  }

  /** The tree as indented text, one asset per line ({@code name/} for folders). */
  public String print() {
    StringBuilder out = new StringBuilder();
    print(out, 0);
    return out.toString();
  }

  private void print(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
    switch (type) {
      case "folder" -> out.append(name).append('/');
      case "version_stack" -> out.append("[stack] ").append(name);
      default -> out.append(name).append("  (").append(status).append(')');
    }
    out.append('\n');
    for (SandboxNode child : children) {
      child.print(out, depth + 1);
    }
  }
}
