package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.RemoteFileStatus;
import io.postflow.testkit.FrameioSandbox;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed operations end to end against the Frame.io sandbox. */
class SandboxOperationsTest {
  private FrameioSandbox sandbox;
  private SandboxAuthenticator auth;
  private FrameioClient client;
  private FrameioAccount account;

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.builder().rateLimits(false).start();
    auth = new SandboxAuthenticator(sandbox);
    client = FrameioClient.builder().baseUri(sandbox.baseUri()).authenticator(auth).build();
    account = client.account(sandbox.accountId());
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void discovery_meAccountsWorkspacesProjects() {
    assertThat(client.me().email()).isPresent();
    assertThat(client.accounts()).extracting(Account::id).contains(sandbox.accountId());
    List<Workspace> workspaces = account.workspaces();
    assertThat(workspaces).extracting(Workspace::id).contains(sandbox.workspaceId());

    List<Project> projects = account.projects(sandbox.workspaceId());
    assertThat(projects).extracting(Project::rootFolderId).contains(sandbox.rootFolderId());
    assertThat(account.project(sandbox.projectId()).rootFolderId()).isEqualTo(sandbox.rootFolderId());
  }

  @Test
  void folders_createShowAndListAcrossPages() {
    for (String name : List.of("A", "B", "C")) {
      account.createFolder(sandbox.rootFolderId(), name);
    }
    Folder made = account.createFolder(sandbox.rootFolderId(), "D");

    assertThat(account.folder(made.id()).name()).isEqualTo("D");
    assertThat(account.children(sandbox.rootFolderId(), AssetType.FOLDER, 2).map(Asset::name))
        .containsExactlyInAnyOrder("A", "B", "C", "D");
    assertThat(account.folders(sandbox.rootFolderId(), 3).map(Folder::name).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("A", "B", "C", "D");
    Page<Asset> first = account.childrenPage(sandbox.rootFolderId(), null, 3, Optional.empty());
    assertThat(first.items()).hasSize(3);
    assertThat(first.hasNext()).isTrue();
    assertThat(first.totalCount()).hasValue(4);
    assertThat(account.childrenPage(sandbox.rootFolderId(), null, 3, first.next()).items()).hasSize(1);
  }

  @Test
  void files_localUploadPlaceholderStatusMoveAndDelete() {
    String folder = account.createFolder(sandbox.rootFolderId(), "SHOTS").id();
    String other = account.createFolder(sandbox.rootFolderId(), "OTHER").id();

    PresignedUpload upload = account.createLocalUpload(folder, "UNDLM_00042_v001.mov", 50_645_990);

    assertThat(upload.parts()).extracting(PresignedPart::size).containsExactly(16_881_997L, 16_881_997L, 16_881_996L);
    assertThat(upload.mediaType()).isEqualTo("video/quicktime");
    FileAsset file = account.file(upload.file().id());
    assertThat(file.status()).isEqualTo(RemoteFileStatus.CREATED);
    assertThat(file.fileSize()).hasValue(50_645_990);
    assertThat(account.fileStatus(file.id()).uploadComplete()).isFalse();
    assertThat(account.files(folder, 100).map(FileAsset::id)).containsExactly(file.id());

    assertThat(account.moveFile(file.id(), other).parentId()).contains(other);
    account.deleteFile(file.id());
    assertThatThrownBy(() -> account.file(file.id())).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void stackVersion_createsAStackThenAddsToIt() {
    String folder = account.createFolder(sandbox.rootFolderId(), "UNDLM_00042").id();
    String v1 = account.createLocalUpload(folder, "UNDLM_00042_v001.mov", 10).file().id();
    String v2 = account.createLocalUpload(folder, "UNDLM_00042_v002.mov", 10).file().id();
    String v3 = account.createLocalUpload(folder, "UNDLM_00042_v003.mov", 10).file().id();

    VersionStack stack = account.stackVersion(v1, v2);
    VersionStack same = account.stackVersion(v2, v3);

    assertThat(same.id()).isEqualTo(stack.id());
    assertThat(account.versionStackChildren(stack.id()).map(FileAsset::id)).containsExactlyInAnyOrder(v1, v2, v3);
    assertThat(account.versionStacks(folder, 100).map(VersionStack::id)).containsExactly(stack.id());
    assertThat(account.children(folder).map(Asset::type)).containsExactly(AssetType.VERSION_STACK);
  }

  @Test
  void comments_atATimecodeAndListed() {
    String folder = account.createFolder(sandbox.rootFolderId(), "REVIEW").id();
    String file = account.createLocalUpload(folder, "cut.mov", 10).file().id();

    Comment comment = account.createComment(file, "Too dark here", "00:00:02:12");
    account.createComment(file, "Overall fine");

    assertThat(comment.text()).isEqualTo("Too dark here");
    assertThat(account.comments(file).map(Comment::text)).containsExactlyInAnyOrder("Too dark here", "Overall fine");
    assertThat(account.comments(file).filter(c -> c.id().equals(comment.id())).findFirst().orElseThrow().timestamp())
        .contains("00:00:02:12");
  }

  @Test
  void webhooks_createListShowUpdateDelete() {
    Webhook created = account.createWebhook(sandbox.workspaceId(), "postflow", URI.create("https://hooks.example.com/frameio"),
        List.of("file.ready", "file.upload.completed"));
    assertThat(created.secret()).isPresent();
    assertThat(created.toString()).doesNotContain(created.secret().get());

    assertThat(account.webhooks(sandbox.workspaceId()).map(Webhook::id)).contains(created.id());
    assertThat(account.webhook(created.id()).secret()).isEmpty();
    Webhook updated = account.updateWebhook(created.id(), WebhookUpdate.builder().name("renamed").active(false).build());
    assertThat(updated.name()).isEqualTo("renamed");
    assertThat(updated.events()).containsExactlyInAnyOrder("file.ready", "file.upload.completed");

    account.deleteWebhook(created.id());
    assertThatThrownBy(() -> account.webhook(created.id())).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void folders_renameAndDelete_theSubtreeGoesWithTheFolder() {
    String scene = account.createFolder(sandbox.rootFolderId(), "SC01").id();
    String shot = account.createFolder(scene, "SH010").id();
    String clip = account.createLocalUpload(shot, "a.mov", 10).file().id();

    Folder renamed = account.updateFolder(scene, "SC01_BUS");

    assertThat(renamed.id()).isEqualTo(scene);
    assertThat(renamed.name()).isEqualTo("SC01_BUS");
    assertThat(account.folder(scene).name()).isEqualTo("SC01_BUS");

    account.deleteFolder(scene);

    assertThatThrownBy(() -> account.folder(scene)).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> account.folder(shot)).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> account.file(clip)).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> account.deleteFolder(scene)).as("nothing left to delete")
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(sandbox.inspect().tree().children()).isEmpty();
  }

  @Test
  void deleteFolder_ofTheProjectRoot_isRefusedWith409() {
    assertThatThrownBy(() -> account.deleteFolder(sandbox.rootFolderId()))
        .isInstanceOfSatisfying(io.postflow.api.ServiceException.class,
            e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("DELETE /v4/accounts/{account_id}/folders/{folder_id}");
    assertThat(account.folder(sandbox.rootFolderId()).id()).isEqualTo(sandbox.rootFolderId());
  }

  @Test
  void updateFile_renamesTheFile_andAStackFollowsItsHead() {
    String v1 = account.createLocalUpload(sandbox.rootFolderId(), "a_v1.mov", 10).file().id();
    String v2 = account.createLocalUpload(sandbox.rootFolderId(), "a_v2.mov", 10).file().id();
    VersionStack stack = account.stackVersion(v1, v2);

    FileAsset renamed = account.updateFile(v2, "a_v2_final.mov");

    assertThat(renamed.name()).isEqualTo("a_v2_final.mov");
    assertThat(account.file(v2).name()).isEqualTo("a_v2_final.mov");
    assertThat(account.versionStack(stack.id()).name()).isEqualTo("a_v2_final.mov");
    assertThatThrownBy(() -> account.updateFile(sandbox.rootFolderId(), "x.mov"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void expiredToken_isRefreshedOnceAndTheCallSucceeds() {
    sandbox.faults().expireTokensNow();

    assertThat(account.folder(sandbox.rootFolderId()).id()).isEqualTo(sandbox.rootFolderId());
    assertThat(auth.refreshes.get()).isEqualTo(1);
  }

  @Test
  void async_fileStatusCompletesOnTheClientsExecutor() throws Exception {
    String file = account.createLocalUpload(sandbox.rootFolderId(), "a.mov", 10).file().id();

    FileUploadStatus status = account.fileStatusAsync(file).get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(status.id()).isEqualTo(file);
    assertThat(status.isSettled()).isFalse();
  }

  @Test
  void rateLimitStorm_isRiddenOutWithBackOff() {
    sandbox.faults().rateLimitStorm(2);
    FakeTime time = new FakeTime();
    FrameioClient paced = FrameioClient.builder().baseUri(sandbox.baseUri()).authenticator(auth)
        .sleeper(time).build();

    assertThat(paced.account(sandbox.accountId()).folder(sandbox.rootFolderId()).id()).isEqualTo(sandbox.rootFolderId());
    assertThat(time.sleeps).filteredOn(d -> d.compareTo(Duration.ofSeconds(1)) >= 0).hasSizeGreaterThanOrEqualTo(2);
    paced.close();
  }
}
