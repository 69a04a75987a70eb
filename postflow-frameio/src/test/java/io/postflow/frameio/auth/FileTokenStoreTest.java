package io.postflow.frameio.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.LocalFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
  @TempDir Path dir;

  static StoredCredentials credentials(String refresh) {
    return StoredCredentials.builder().refreshToken(refresh)
        .accessToken(AccessToken.of("access-" + refresh, Instant.parse("2026-03-02T10:00:00Z")))
        .scopes(Set.of("openid", "offline_access")).build();
  }

  @Test
  void saveThenLoad_roundTripsEverything() {
    FileTokenStore store = FileTokenStore.of(dir.resolve("nested/dir/ims.json"));
    assertThat(store.load()).isEmpty();

    store.save(credentials("R1"));

    StoredCredentials loaded = FileTokenStore.of(dir.resolve("nested/dir/ims.json")).load().orElseThrow();
    assertThat(loaded.refreshToken()).contains("R1");
    assertThat(loaded.accessToken().orElseThrow().value()).isEqualTo("access-R1");
    assertThat(loaded.accessToken().orElseThrow().expiresAt())
        .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(loaded.scopes()).containsExactlyInAnyOrder("openid", "offline_access");
  }

  @Test
  void saveThenLoad_keepsWhoseLoginItIs_andSameLoginAsComparesIt() {
    FileTokenStore store = FileTokenStore.of(dir.resolve("ims.json"));
    StoredCredentials ana = StoredCredentials.builder().from(credentials("R1"))
        .issuer("https://ims-na1.adobelogin.com").clientId("client-1").account("ana@studio.example").build();
    store.save(ana);

    StoredCredentials loaded = store.load().orElseThrow();
    assertThat(loaded.issuer()).contains("https://ims-na1.adobelogin.com");
    assertThat(loaded.clientId()).contains("client-1");
    assertThat(loaded.account()).contains("ana@studio.example");
    assertThat(loaded.sameLoginAs(ana)).isTrue();
    assertThat(loaded.sameLoginAs(StoredCredentials.builder().from(ana).issuer("http://127.0.0.1:4000").build()))
        .as("the sandbox's IMS").isFalse();
    assertThat(loaded.sameLoginAs(StoredCredentials.builder().from(ana).account("bo@studio.example").build()))
        .as("another account").isFalse();
    assertThat(credentials("R0").sameLoginAs(ana)).as("an older file that does not say").isFalse();
  }

  @Test
  void save_createsFileReadableByOwnerOnly() throws Exception {
    Path file = dir.resolve("ims.json");
    FileTokenStore.of(file).save(credentials("R1"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Path nested = dir.resolve("private/ims.json");
    FileTokenStore.of(nested).save(credentials("R1"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void save_replacesTheFileByRenameAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("ims.json");
    FileTokenStore store = FileTokenStore.of(file);
    store.save(credentials("R1"));
    Object firstInode = Files.readAttributes(file,
        java.nio.file.attribute.BasicFileAttributes.class).fileKey();

    store.save(credentials("R2"));

    assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
        .fileKey()).isNotEqualTo(firstInode);
    assertThat(store.load().orElseThrow().refreshToken()).contains("R2");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void save_whenReplaceFails_namesTheFileAndCleansUpTheTemporaryFile() throws Exception {
    Path file = dir.resolve("ims.json");
    Files.createDirectories(file.resolve("occupied")); // a non-empty directory cannot be replaced

    assertThatThrownBy(() -> FileTokenStore.of(file).save(credentials("R1")))
        .isInstanceOfSatisfying(LocalFileException.class, e -> assertThat(e.path()).isEqualTo(file))
        .hasMessageStartingWith("cannot write the token file " + file + ": ")
        .hasMessageNotContaining("R1");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void load_deletesTheTemporaryFilesCrashesLeft_refreshTokensIncluded_andNothingElse() throws Exception {
    Path file = dir.resolve("ims.json");
    FileTokenStore.of(file).save(credentials("R1"));
    // What the review found after crashes: 29 temporary files, 28 holding a refresh token.
    for (int i = 0; i < 28; i++) {
      Files.writeString(dir.resolve(".ims.json." + (7_000_000_000_000L + i) + ".tmp"),
          "{\"refresh_token\":\"old-" + i + "\"}");
    }
    Files.writeString(dir.resolve(".ims.json.postflow-0123456789abcdef.tmp"), "");
    Files.writeString(dir.resolve("ims.json.bak"), "the user's own copy");

    assertThat(FileTokenStore.of(file).load().orElseThrow().refreshToken()).contains("R1");

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ims.json", "ims.json.bak");
    }
  }

  @Test
  void save_deletesTheTemporaryFilesCrashesLeft_evenWithoutALoad() throws Exception {
    Path file = dir.resolve("ims.json");
    Files.writeString(dir.resolve(".ims.json.postflow-0123456789abcdef.tmp"), "{\"refresh_token\":\"old\"}");

    FileTokenStore.of(file).save(credentials("R2"));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void load_whenFileCorrupt_namesFileAndRemedyWithoutQuotingContent() throws Exception {
    Path file = dir.resolve("ims.json");
    Files.writeString(file, "{\"refresh_token\": \"R-leaky\",\n  oops", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FileTokenStore.of(file).load())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("The token file " + file + " is corrupt (line 2)")
        .hasMessageContaining("Delete " + file + " and log in again")
        .hasMessageNotContaining("R-leaky");
    Files.writeString(file, "[1,2]", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FileTokenStore.of(file).load()).hasMessageContaining("is corrupt");
  }

  @Test
  void clear_deletesTheFile_andIsIdempotent() {
    Path file = dir.resolve("ims.json");
    FileTokenStore store = FileTokenStore.of(file);
    store.save(credentials("R1"));

    store.clear();
    store.clear();

    assertThat(Files.exists(file)).isFalse();
    assertThat(store.load()).isEmpty();
  }
}
