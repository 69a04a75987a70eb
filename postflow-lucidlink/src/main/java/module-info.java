/**
 * Finds a LucidLink filespace, notices every finished render on it exactly once, and warms the
 * local cache before a file is uploaded. See {@link io.postflow.lucidlink}.
 */
module io.postflow.lucidlink {
  requires transitive io.postflow.api;
  requires org.slf4j;
  requires java.net.http;
  requires static org.immutables.value.annotations;

  exports io.postflow.lucidlink;
}
