package io.postflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void folderPath_parsesAndNavigates() {
    FolderPath path = FolderPath.parse("WIP_BYSHOT/SC03_BUS/UNDLM_00042");
    assertThat(path.names()).containsExactly("WIP_BYSHOT", "SC03_BUS", "UNDLM_00042");
    assertThat(path.name()).isEqualTo("UNDLM_00042");
    assertThat(path.parent()).isEqualTo(FolderPath.of("WIP_BYSHOT", "SC03_BUS"));
    assertThat(path.parent().resolve("UNDLM_00042")).isEqualTo(path);
    assertThat(path).hasToString("WIP_BYSHOT/SC03_BUS/UNDLM_00042");
    assertThat(FolderPath.parse("").isRoot()).isTrue();
  }

  @Test
  void folderPath_parse_normalisesSlashesAsTyped() {
    assertThat(FolderPath.parse("/WIP/A/")).isEqualTo(FolderPath.of("WIP", "A"));
    assertThat(FolderPath.parse("WIP//A")).isEqualTo(FolderPath.of("WIP", "A"));
    assertThat(FolderPath.parse("/").isRoot()).isTrue();
    assertThat(FolderPath.parse("//").isRoot()).isTrue();
  }

  @Test
  void folderPath_refusesDotSegments_inParseAndOf() {
    assertThatThrownBy(() -> FolderPath.parse("WIP/../etc"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'WIP/../etc'").hasMessageContaining("'..'");
    assertThatThrownBy(() -> FolderPath.parse("./WIP")).hasMessageContaining("'.'");
    assertThatThrownBy(() -> FolderPath.of("WIP", "..")).hasMessageContaining("'..' is not allowed");
    assertThatThrownBy(() -> FolderPath.of("A").resolve("..")).hasMessageContaining("'..' is not allowed");
    assertThat(FolderPath.parse("v1.../..x").names()).containsExactly("v1...", "..x");
  }

  @Test
  void folderPath_rejectsEmptyLongAndPaddedNames() {
    assertThatThrownBy(() -> FolderPath.of("A", "")).hasMessageContaining("1 to 255");
    assertThatThrownBy(() -> FolderPath.of("x".repeat(256))).hasMessageContaining("1 to 255");
    assertThatThrownBy(() -> FolderPath.of(" A")).hasMessageContaining("spaces");
    assertThatThrownBy(() -> FolderPath.of("A/B")).hasMessageContaining("'/'");
    assertThatThrownBy(() -> FolderPath.root().parent()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void accessToken_neverShowsItsValue() {
    AccessToken token = AccessToken.of("eyJ-very-secret", Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(token.toString()).doesNotContain("secret").contains("****");
    assertThat(token.expiresWithin(Duration.ofMinutes(5), Instant.parse("2025-12-31T23:56:00Z"))).isTrue();
    assertThat(token.expiresWithin(Duration.ofMinutes(5), Instant.parse("2025-12-31T23:54:00Z"))).isFalse();
  }

  @Test
  void uploadRequest_defaultsTheNameToTheFileName() {
    UploadRequest request = UploadRequest.of(Path.of("renders", "UNDLM_00042_v002.mov"), "folder-1");
    assertThat(request.fileName()).isEqualTo("UNDLM_00042_v002.mov");
    assertThat(request.listener()).isSameAs(UploadListener.NONE);
  }

  @Test
  void uploadProgress_estimatesTimeLeft() {
    UploadProgress progress = UploadProgress.builder()
        .phase(UploadPhase.TRANSFERRING).bytesTransferred(100).totalBytes(1100)
        .partsCompleted(1).totalParts(11).bytesPerSecond(100).elapsed(Duration.ofSeconds(1))
        .build();
    assertThat(progress.eta()).contains(Duration.ofSeconds(10));
    assertThat(progress.fraction()).isCloseTo(0.0909, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void tunnelEndpoint_mapsALocalUrlToThePublicOne() {
    TunnelEndpoint endpoint = TunnelEndpoint.builder()
        .publicUrl(URI.create("https://abc.trycloudflare.com/")).localPort(8080)
        .provider("cloudflared").openedAt(Instant.EPOCH).build();
    assertThat(endpoint.publicUrlFor(URI.create("http://127.0.0.1:8080/f/tok/a%20b.mov?x=1")))
        .isEqualTo(URI.create("https://abc.trycloudflare.com/f/tok/a%20b.mov?x=1"));
  }

  @Test
  void serviceException_messageIsEnoughForATicket() {
    ServiceException error = new ServiceException(
        "POST /v4/accounts/{account_id}/folders/{folder_id}/folders", 422, "req-123",
        List.of(ServiceError.of("Invalid value", "name is too long", "/data/name")), 3, false, null);
    assertThat(error.getMessage())
        .isEqualTo("POST /v4/accounts/{account_id}/folders/{folder_id}/folders failed: HTTP 422"
            + " - Invalid value: name is too long (at /data/name) [request id req-123] after 3 attempts");
    assertThat(error.isRetryable()).isFalse();
    assertThat(new ServiceException("GET /v4/me", 0, null, List.of(), 1, true, null).getMessage())
        .isEqualTo("GET /v4/me failed: no answer");
  }

  @Test
  void invalidInput_namesFileLineAndField() {
    assertThat(new InvalidInputException("shots.csv", 12, "TC IN", "frames 25 out of range").getMessage())
        .isEqualTo("shots.csv:12 [TC IN]: frames 25 out of range");
    assertThat(new InvalidInputException(null, 0, null, "bad").getMessage()).isEqualTo("bad");
  }
}
