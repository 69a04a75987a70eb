/**
 * The pipeline: the {@code PostFlow.builder()} facade (coming) and the journal-driven orchestrator
 * that chains the steps (watch, settle, name, find the shot, ensure the folders, warm, upload,
 * confirm, stack, update the shot, notify), with its journals and notifiers. The production data it
 * works on lives in module {@code io.postflow.production}.
 */
package io.postflow.pipeline;
