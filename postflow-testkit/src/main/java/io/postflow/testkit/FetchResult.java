package io.postflow.testkit;

/**
 * What a {@link RemoteSourceFetcher} pulled.
 *
 * @param bytes how many bytes were written to the sink
 * @param sha256 lower-case hex SHA-256 of exactly those bytes, in order
 * @param requests HTTP requests sent, the first one included
 * @param resumes times the transfer was picked up again after a drop, stall, short read or
 *     transient error status
 */
record FetchResult(long bytes, String sha256, int requests, int resumes) {}
