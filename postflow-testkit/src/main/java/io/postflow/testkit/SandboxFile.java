package io.postflow.testkit;

/**
 * A snapshot of one file in the sandbox and its upload, as {@link SandboxInspector} reports it.
 *
 * @param id file id
 * @param name file name
 * @param parentId folder or version stack id
 * @param status {@code created}, {@code uploaded} or {@code transcoded}
 * @param uploadFailed whether the status endpoint reports {@code upload_failed}
 * @param fileSize declared size (for a remote upload: the fetched size, 0 until fetched)
 * @param mediaType the media type the sandbox chose from the name
 * @param bytesReceived bytes received so far over all parts (last PUT of each part counts)
 * @param partsExpected number of upload URLs issued (0 for a remote upload)
 * @param partsReceived number of distinct parts received
 * @param sha256 hex SHA-256 of the assembled bytes once complete, else {@code null}
 */
public record SandboxFile(
    String id,
    String name,
    String parentId,
    String status,
    boolean uploadFailed,
    long fileSize,
    String mediaType,
    long bytesReceived,
    int partsExpected,
    int partsReceived,
    String sha256) {}
