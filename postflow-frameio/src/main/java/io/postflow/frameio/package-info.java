/**
 * The Frame.io v4 REST client, structure manager and uploaders.
 *
 * <p>Entry points: {@link io.postflow.frameio.FrameioClient} (build one, share it; every call is
 * retried, paced below Frame.io's rate limits and bounded by timeouts),
 * {@link io.postflow.frameio.FrameioAccount} (the calls of one account) and
 * {@link io.postflow.frameio.FrameioStructureManager} (folder paths to ids, each missing folder
 * created once).
 *
 * <pre>{@code
 * try (FrameioClient frameio = FrameioClient.builder().authenticator(authenticator).build()) {
 *   FrameioAccount account = frameio.account(accountId);
 *   StructureManager folders = FrameioStructureManager.builder().client(frameio).accountId(accountId).build();
 *   String shot = folders.ensure(rootFolderId, FolderPath.parse("WIP_BYSHOT/SC03_BUS/UNDLM_00042"));
 *   account.children(shot).forEach(asset -> log.info("{} {}", asset.type(), asset.name()));
 *   VersionStack stack = account.stackVersion(v001Id, v002Id);
 * }
 * }</pre>
 *
 * <p>See {@code docs/frameio-client.md} for retries, pacing and the structure manager's guarantees.
 */
@PostFlowStyle
package io.postflow.frameio;

import io.postflow.api.PostFlowStyle;
