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
 *       .POST(HttpRequest.BodyPublishers.ofString(
 *           "{\"data\":{\"name\":\"A001_v001.mov\",\"file_size\":1048576}}"))
 *       .build();
 *   // ... PUT each upload_urls entry with Content-Type: video/quicktime and x-amz-acl: private
 *
 *   sandbox.faults().failPartPuts(2, 503);        // the next two part PUTs fail
 *   clock.advance(Duration.ofSeconds(30));         // transcodes finish
 *   SandboxFile file = sandbox.inspect().fileNamed("A001_v001.mov").orElseThrow();
 *   System.out.println(sandbox.inspect().tree().print() + file.sha256());
 * }
 * }</pre>
 *
 * <p>Public types: {@link io.postflow.testkit.FrameioSandbox} and its builder,
 * {@link io.postflow.testkit.SandboxFaults}, {@link io.postflow.testkit.SandboxInspector} with the
 * values it reports, and {@link io.postflow.testkit.ManualClock}. Everything else is
 * package-private.
 */
package io.postflow.testkit;
