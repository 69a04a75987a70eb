/**
 * Frame.io webhook signature verification and a small receiver.
 *
 * <p>{@link io.postflow.frameio.webhooks.WebhookVerifier} checks the {@code X-Frameio-Signature}
 * HMAC, the 5-minute window and replays, for use inside any HTTP server;
 * {@link io.postflow.frameio.webhooks.WebhookReceiver} is a ready endpoint that verifies, hands
 * {@link io.postflow.frameio.webhooks.WebhookEvent}s to listeners on an executor and answers 200
 * as soon as they have the event (never before: Frame.io does not redeliver a 200), with its own
 * limits on connections, request time and log lines for refused requests.
 *
 * <pre>{@code
 * try (WebhookReceiver receiver = WebhookReceiver.builder()
 *     .secret(secretReturnedWhenTheWebhookWasCreated)
 *     .port(8088)
 *     .listener(event -> {
 *       if (event.type().equals("file.ready")) {
 *         readyFiles.add(event.resourceId());
 *       }
 *     })
 *     .build()
 *     .start()) {
 *   // expose receiver.uri() through a tunnel and register it with Frame.io
 * }
 * }</pre>
 */
@PostFlowStyle
package io.postflow.frameio.webhooks;

import io.postflow.api.PostFlowStyle;
