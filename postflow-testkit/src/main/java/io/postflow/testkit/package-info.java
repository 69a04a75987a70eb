/**
 * PostFlow's Frame.io v4 sandbox: an in-process fake of the Frame.io v4 API, the S3 part endpoint
 * behind its upload URLs, and Adobe IMS, faithful to the published OpenAPI document, for
 * integration tests and the demo.
 *
 * <p>Entry point: {@link io.postflow.testkit.FrameioSandbox}. It listens on a loopback port chosen
 * at start, seeds one account, workspace, user and project, and hands out bearer tokens. What it
 * checks is what Frame.io checks: strict {@code {"data": ...}} bodies (unknown fields are a 422),
 * Frame.io error bodies, cursor pagination whose {@code links.next} drops the caller's query,
 * documented per-operation rate limits with {@code x-ratelimit-*} headers, presigned part URLs whose
 * signature covers {@code content-type}, {@code host} and {@code x-amz-acl}, and the
 * {@code created -> uploaded -> transcoded} file lifecycle on the sandbox clock.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));
 * try (FrameioSandbox sandbox = FrameioSandbox.builder()
 *     .clock(clock)
 *     .transcodeDelay(Duration.ofSeconds(30))
 *     .start()) {
 *   HttpClient http = HttpClient.newHttpClient();
 *   HttpRequest create = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v4/accounts/"
 *           + sandbox.accountId() + "/folders/" + sandbox.rootFolderId() + "/files/local_upload"))
 *       .header("Authorization", "Bearer " + sandbox.issueAccessToken())
 *       .header("Content-Type", "application/json") // java.net.http sends none; without it: 422
 *       .POST(HttpRequest.BodyPublishers.ofString(
 *           "{\"data\":{\"name\":\"A001_v001.mov\",\"file_size\":1048576}}"))
 *       .build();
 *   // ... PUT each upload_urls entry with Content-Type: video/quicktime and x-amz-acl: private
 *
 *   sandbox.faults().failPartPuts(2, 503);        // the next two part PUTs fail
 *   clock.advance(Duration.ofSeconds(30));         // transcodes finish
 *   SandboxFile file = sandbox.inspect().fileNamed("A001_v001.mov").orElseThrow();
 *   log.info("{}\n{}", sandbox.inspect().tree().print(), file.sha256());
 * }
 * }</pre>
 *
 * <p>Where Frame.io's documents are silent the sandbox decides, and says so here:
 * <ul>
 *   <li>Part sizing is {@code ceil(size / 25,000,000)} even parts (matches the one official example),
 *       capped at S3's 10,000 parts, past which parts grow.</li>
 *   <li>A part PUT whose {@code Content-Length} is not the part's size is refused at once with 400
 *       {@code EntityTooSmall}/{@code EntityTooLarge}; S3 itself would only notice when stitching.</li>
 *   <li>Every media type transcodes after the configured delay (whether non-media files ever reach
 *       {@code transcoded} on Frame.io is unconfirmed); renditions other than {@code original} stay
 *       null.</li>
 *   <li>{@code uploaded_at} on the status endpoint is when the first part (or the remote fetch)
 *       started; {@code upload_completed_at} when the last byte arrived.</li>
 *   <li>409 is listed for every operation in the OpenAPI document without a condition; the sandbox
 *       answers it only for deleting a project's root folder (well formed, but the folder's state
 *       forbids it; 422 stays for invalid request content). Duplicate folder names are allowed, as
 *       on Frame.io.</li>
 *   <li>Deleting a folder removes its whole subtree and emits {@code folder.deleted} for the folder
 *       only; renames emit {@code folder.updated} / {@code file.updated} (all documented event
 *       names). Update bodies may omit {@code name}: the schema does not require it.</li>
 *   <li>Rate limits are leaky buckets per account user (every token the sandbox issues is its one
 *       user's) and operation, draining continuously; with limits off they still count, so
 *       {@code x-ratelimit-remaining} is what Frame.io would say.</li>
 *   <li>Folder listings are ordered by name (the document names no default; {@code name_asc} is its
 *       first sort value) and page with keyset cursors that survive deletes.</li>
 *   <li>A request body without {@code Content-Type: application/json} is a 422 (the document
 *       declares no other media type and no 415).</li>
 * </ul>
 *
 * <p>Public types: {@link io.postflow.testkit.FrameioSandbox} and its builder,
 * {@link io.postflow.testkit.SandboxFaults}, {@link io.postflow.testkit.RemoteSourceRules} (what a
 * remote-upload source may be: strict by default), {@link io.postflow.testkit.SandboxInspector} with the
 * values it reports, {@link io.postflow.testkit.ManualTime} (a clock and a sleeper for every
 * PostFlow builder's {@code clock(..)} and {@code sleeper(..)}: a sleep moves the clock and returns
 * at once), {@link io.postflow.testkit.ManualClock} and {@link io.postflow.testkit.TestFiles}.
 * Everything else is package-private.
 */
package io.postflow.testkit;
