package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchFilterTest {
  @ParameterizedTest
  @ValueSource(strings = {"a.mov.part", "a.partial", "a.TMP", "a.mov~", ".~lock.notes.odt#", "._a.mov",
      ".DS_Store", "a.crdownload"})
  void acceptsFile_refusesTemporaryNamesEvenWhenHiddenAllowed(String name) {
    assertThat(WatchFilter.builder().includeHidden(true).build().acceptsFile(Path.of(name))).isFalse();
  }

  @Test
  void acceptsFile_hiddenOnlyWhenAsked() {
    assertThat(WatchFilter.acceptAll().acceptsFile(Path.of(".hidden.mov"))).isFalse();
    assertThat(WatchFilter.builder().includeHidden(true).build().acceptsFile(Path.of(".hidden.mov"))).isTrue();
    assertThat(WatchFilter.acceptAll().acceptsDirectory(Path.of("a/.cache"))).isFalse();
  }

  @Test
  void acceptsFile_extensionsAreCaseInsensitive_andFilesWithoutExtensionAreRefused() {
    WatchFilter f = WatchFilter.builder().addExtensions("mov", ".MXF").build();
    assertThat(f.acceptsFile(Path.of("x/A.MOV"))).isTrue();
    assertThat(f.acceptsFile(Path.of("b.mxf"))).isTrue();
    assertThat(f.acceptsFile(Path.of("README"))).isFalse();
    assertThat(f.acceptsFile(Path.of("a.mp4"))).isFalse();
  }

  @Test
  void globs_includeAndExcludeOnRelativePaths() {
    WatchFilter f = WatchFilter.builder().addInclude("renders/**").addExclude("**/proxies/**").build();
    assertThat(f.acceptsFile(Path.of("renders/SC01/a.mov"))).isTrue();
    assertThat(f.acceptsFile(Path.of("renders/SC01/proxies/a.mov"))).isFalse();
    assertThat(f.acceptsFile(Path.of("other/a.mov"))).isFalse();
  }

  @Test
  void globs_doubleStarSlashNeedsAFolder_asDocumented() {
    assertThat(WatchFilter.builder().addInclude("**/*.mov").build().acceptsFile(Path.of("a.mov"))).isFalse();
    WatchFilter both = WatchFilter.builder().addInclude("{*.mov,**/*.mov}").build();
    assertThat(both.acceptsFile(Path.of("a.mov"))).isTrue();
    assertThat(both.acceptsFile(Path.of("x/y/a.mov"))).isTrue();
  }

  @Test
  void build_whenGlobInvalid_namesIt() {
    assertThatThrownBy(() -> WatchFilter.builder().addInclude("renders/[").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'renders/['");
    assertThatThrownBy(() -> WatchFilter.builder().addExtensions(".").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'extensions'");
  }
}
