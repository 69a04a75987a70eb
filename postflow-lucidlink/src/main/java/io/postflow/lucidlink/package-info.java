/**
 * LucidLink filespace support: find the mount point, watch a folder for finished renders, and
 * warm the local cache before upload.
 *
 * <p>Entry points: {@link io.postflow.lucidlink.FilespaceLocator} (where is the filespace),
 * {@link io.postflow.lucidlink.LucidCli} (the {@code lucid3}/{@code lucid} command, with timeouts),
 * {@link io.postflow.lucidlink.DirectoryWatcher} (reports each finished file version exactly once),
 * {@link io.postflow.lucidlink.SettleGate} (the "done being written" rule on its own) and
 * {@link io.postflow.lucidlink.CacheWarmer} (pin or read ahead).
 *
 * <pre>{@code
 * Filespace fs = FilespaceLocator.builder().filespaceName("production.studio").build().locate();
 * DirectoryWatcher watcher = DirectoryWatcher.builder()
 *     .root(fs.mountPoint().resolve("renders"))
 *     .filter(WatchFilter.builder().addExtensions("mov", "mxf").build())
 *     .settleGate(SettleGate.builder()
 *         .settleTime(Duration.ofSeconds(10))
 *         .syncEvidence(fs.syncEvidence())
 *         .build())
 *     .journal(ReadyJournal.durable(Path.of("/var/lib/postflow/seen.journal")))
 *     .listener(ready -> pipeline.submit(ready.path()))
 *     .build();
 * watcher.start();
 * }</pre>
 */
@PostFlowStyle
package io.postflow.lucidlink;

import io.postflow.api.PostFlowStyle;
