/**
 * Internal, not API: mechanisms the packages of {@code io.postflow.frameio} share so that each
 * exists once (today the redaction of secrets from logged and quoted text). Not exported by the
 * module; anything here may change or disappear in any release.
 */
package io.postflow.frameio.internal;
