/**
 * Chat and webhook notifiers. {@link io.postflow.notify.DiscordNotifier} and
 * {@link io.postflow.notify.WebhookNotifier} implement {@link io.postflow.api.Notifier}; give them to
 * {@code PostFlow.builder().notifier(...)} or configure them with {@code POSTFLOW_DISCORD_WEBHOOK_URL}
 * and {@code POSTFLOW_WEBHOOK_URL} (see {@code docs/notifications.md}).
 */
package io.postflow.notify;
