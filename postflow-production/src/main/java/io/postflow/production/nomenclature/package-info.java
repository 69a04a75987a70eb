/**
 * File-name nomenclature: patterns with named parts tried in priority order, recognition of
 * temporary and sidecar files, and folder templates that turn a parsed name into a Frame.io path.
 *
 * <pre>{@code
 * Nomenclature names = Nomenclature.builder()
 *     .pattern(NamePattern.of("shot", "{project}_{shot}_v{version}.{extension}"))
 *     .folderTemplate("WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}")
 *     .build();
 * NameResult result = names.parse("KRAK_00042_v002.mov");
 * FolderPath folder = names.folderFor(result.parsed().orElseThrow(), scene);
 * }</pre>
 */
package io.postflow.production.nomenclature;
