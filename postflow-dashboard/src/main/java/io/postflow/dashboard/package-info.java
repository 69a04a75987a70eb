/**
 * The live dashboard: what a running pipeline is doing, in a browser.
 *
 * <pre>{@code
 * try (PostFlow postflow = PostFlow.builder().fromEnvironment().build().start();
 *     Dashboard dashboard = Dashboard.builder().postflow(postflow).port(8780).build()) {
 *   URI url = dashboard.start();             // http://127.0.0.1:8780/
 *   ...
 * }
 * }</pre>
 *
 * <p>Everything but {@link io.postflow.dashboard.Dashboard} is package-private.
 */
package io.postflow.dashboard;
