package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.testkit.FrameioSandbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Field definitions, metadata values, shares and a comment by id, end to end against the sandbox. */
class SandboxMetadataAndSharesTest {
  private static final List<String> OPTIONS = List.of("review_uploaded", "review_approved");
  private FrameioSandbox sandbox;
  private FrameioClient client;
  private FrameioAccount account;

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.builder().rateLimits(false).start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri()).authenticator(new SandboxAuthenticator(sandbox))
        .build();
    account = client.account(sandbox.accountId());
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void ensureSelectField_createsItOnce_andValuesAreSetAndReadBack() {
    FrameioMetadata metadata = account.metadata();
    FieldDefinition field = metadata.ensureSelectField("PostFlow status", OPTIONS);
    assertThat(metadata.ensureSelectField("PostFlow status", List.of("review_approved")).id()).isEqualTo(field.id());
    assertThat(metadata.fieldDefinitions()).singleElement().satisfies(d -> {
      assertThat(d.fieldType()).isEqualTo("select");
      assertThat(d.options()).extracting(SelectOption::displayName).containsExactlyElementsOf(OPTIONS);
    });
    String a = upload("UNDLM_00042_v001.mov");
    String b = upload("UNDLM_00043_v001.mov");

    metadata.setSelect(sandbox.projectId(), List.of(a, b), field, "review_uploaded");
    metadata.setSelect(sandbox.projectId(), List.of(b), field, "review_approved");

    assertThat(metadata.fileMetadata(a)).singleElement().satisfies(m -> {
      assertThat(m.definitionId()).isEqualTo(field.id());
      assertThat(m.definitionName()).isEqualTo("PostFlow status");
      assertThat(m.selected()).extracting(SelectOption::displayName).containsExactly("review_uploaded");
    });
    assertThat(metadata.fileMetadata(b).get(0).selected()).extracting(SelectOption::displayName)
        .containsExactly("review_approved");
    assertThatThrownBy(() -> metadata.setSelect(sandbox.projectId(), List.of(a), field, "final_delivery"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'final_delivery'");
  }

  @Test
  void ensureSelectField_refusesAFieldOfThatNameThatCannotHoldTheStatuses() {
    FrameioMetadata metadata = account.metadata();
    metadata.createSelectField("PostFlow status", List.of("review_uploaded"));
    assertThatThrownBy(() -> metadata.ensureSelectField("PostFlow status", OPTIONS))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("PostFlow status")
        .hasMessageContaining("[review_approved]");
    assertThatThrownBy(() -> metadata.createSelectField("x", List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createShare_ofASceneFolder_givesAShortUrl_andCanBeDeleted() {
    Folder scene = account.createFolder(sandbox.rootFolderId(), "SC03_BUS");
    Instant expiry = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Share share = account.shares().createShare(sandbox.projectId(), "SC03 review", List.of(scene.id()), false,
        Optional.of(expiry));

    assertThat(share.shortUrl()).hasValueSatisfying(u -> assertThat(u.toString()).startsWith("https://f.io/"));
    assertThat(share.access()).isEqualTo("public");
    assertThat(share.expiration()).contains(expiry);
    assertThat(account.shares().shares(sandbox.projectId())).extracting(Share::id).containsExactly(share.id());
    account.shares().deleteShare(share.id());
    assertThatThrownBy(() -> account.shares().share(share.id())).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> account.shares().createShare(sandbox.projectId(), "a\nb", List.of(scene.id()), false,
        Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void comment_byId_carriesItsFileAndTimecode() {
    String file = upload("UNDLM_00042_v002.mov");
    Comment made = account.createComment(file, "Flare at the window", "00:00:02:12");
    Comment shown = account.comment(made.id());
    assertThat(shown.fileId()).contains(file);
    assertThat(shown.timestamp()).contains("00:00:02:12");
    assertThat(shown.owner()).isPresent();
  }

  private String upload(String name) {
    // a placeholder is a file like any other for metadata and comments
    return account.createLocalUpload(sandbox.rootFolderId(), name, 8).file().id();
  }
}
