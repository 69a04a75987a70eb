/**
 * Internal, not API: mechanisms PostFlow's modules share so that each exists once (atomic file
 * replacement with fsync, file names that survive any locale, daemon thread factories, executors
 * owned or given). Exported only to PostFlow's own modules; anything here may change or disappear
 * in any release.
 */
package io.postflow.api.internal;
