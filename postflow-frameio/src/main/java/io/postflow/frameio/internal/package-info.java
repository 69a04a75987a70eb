/**
 * Internal, not API: the small HTTP server behind the webhook receiver and the login redirect
 * listener. Not exported by the module; anything here may change or disappear in any release.
 */
package io.postflow.frameio.internal;
