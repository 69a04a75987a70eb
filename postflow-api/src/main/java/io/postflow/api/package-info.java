/**
 * The contract between PostFlow's modules and the code of the studios that use it.
 *
 * <p>Every arrow of the pipeline (watch, settle, name, find the shot, ensure folders, upload,
 * confirm, stack, notify) is a seam behind one of these interfaces, so any one of them can be
 * replaced. Values are immutable and built with {@code X.builder()} or {@code X.of(...)};
 * failures are unchecked and rooted at {@link io.postflow.api.PostFlowException}.
 *
 * <pre>{@code
 * UploadRequest request = UploadRequest.builder()
 *     .file(Path.of("/media/studio/fs/renders/UNDLM_00042_v002.mov"))
 *     .folderId(structure.ensure(rootFolderId, FolderPath.parse("WIP_BYSHOT/SC03_BUS/UNDLM_00042")))
 *     .build();
 * UploadResult result = uploader.upload(request).completion().join();
 * }</pre>
 */
@PostFlowStyle
package io.postflow.api;
