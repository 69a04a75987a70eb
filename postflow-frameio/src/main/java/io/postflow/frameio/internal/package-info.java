/**
 * Internal, not API: mechanisms the packages of {@code io.postflow.frameio} share so that each
 * exists once: the redaction of secrets from logged and quoted text, and the small HTTP server
 * behind the webhook receiver and the login redirect listener. Not exported by the module;
 * anything here may change or disappear in any release.
 */
package io.postflow.frameio.internal;
