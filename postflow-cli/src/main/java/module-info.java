/**
 * The {@code postflow} command: the agent ({@code run}), {@code login}, {@code upload}, the
 * journal ({@code status}, {@code deliveries}, {@code retry}, {@code forget}), the shot list
 * ({@code shots report}, {@code nomenclature}), {@code doctor}, {@code sandbox} and {@code demo}.
 * An application, not a library: nothing is exported; picocli reads the commands reflectively.
 */
module io.postflow.cli {
  requires io.postflow.pipeline;
  requires io.postflow.dashboard;
  requires io.postflow.testkit;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.net.http;
  requires java.desktop;
  requires jdk.httpserver;

  opens io.postflow.cli to info.picocli;
  opens io.postflow.cli.shots to info.picocli;
}
