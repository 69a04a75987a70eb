package io.postflow.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.ServiceException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UnknownShotException;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.testkit.ManualTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shot list on Google Sheets, against a local fake of the Sheets API and token endpoint. */
class GoogleSheetsShotRepositoryTest {
  static final KeyPair KEYS = rsa();
  static final String EMAIL = "postflow@krak-prod.iam.gserviceaccount.com";
  private static final ShotListReader READER = ShotListReader.builder().rate(FrameRate.FPS_25).build();
  private static final List<String> HEADER = List.of("PLAN", "SEQUENCE", "TC IN", "TC OUT", "SOURCE NAME",
      "NOMENCLATURE PLAN", "POSTFLOW STATUS", "POSTFLOW UPDATED", "COMMENTAIRE");

  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
  private FakeGoogleSheets google;

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() throws Exception {
    google = new FakeGoogleSheets(KEYS.getPublic(), EMAIL);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("KRAK - LISTE DES PLANS V12"));
    rows.add(HEADER);
    rows.add(List.of("001", "PHARE - NUIT", "01:00:00:00", "01:00:04:00", "A001.mov", "KRAK_00001", "", "", ""));
    rows.add(List.of("002", "PHARE - NUIT", "01:00:04:00", "01:00:08:00", "A002.mov", "KRAK_00002", "review_uploaded"));
    rows.add(List.of("003", "PORT - AUBE", "01:00:08:00", "01:00:12:00", "A003.mov", "KRAK_00003", "APPROVED", "",
        "plus sombre\nvoir réalisateur"));
    rows.add(List.of("004", "PORT - AUBE", "01:00:12:00", "01:00:16:00", "A004.mov", "KRAK_00004"));
    google.sheet("Shot list", rows);
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private GoogleSheetsShotRepository.Builder builder() {
    return GoogleSheetsShotRepository.builder()
        .spreadsheetId(FakeGoogleSheets.SPREADSHEET)
        .sheet("Shot list")
        .serviceAccountKey(ServiceAccountKey.of(EMAIL, "key-1", KEYS.getPrivate(), google.tokenUri()))
        .reader(READER)
        .baseUri(google.baseUri())
        .clock(time.clock())
        .sleeper(time.sleeper())
        .random(() -> 0.0);
  }

  @Test
  void open_readsTheSheetLikeTheCsvExport_withStatusesAndRowsAsLines() {
    GoogleSheetsShotRepository shots = builder().open();

    assertThat(shots.shots()).extracting(Shot::number).containsExactly("001", "002", "003", "004");
    assertThat(shots.shots()).extracting(Shot::line).containsExactly(3, 4, 5, 6);
    assertThat(shots.shots()).extracting(Shot::status).containsExactly(ShotStatus.PENDING,
        ShotStatus.REVIEW_UPLOADED, ShotStatus.REVIEW_APPROVED, ShotStatus.PENDING);
    assertThat(shots.scenes()).hasSize(2);
    assertThat(shots.findByNomenclature(" krak-00003 ")).map(Shot::number).contains("003");
    assertThat(shots.findByNumber("004")).map(Shot::durationFrames).contains(java.util.Optional.of(100L));
    assertThat(shots.shotList().warnings()).extracting(w -> w.line()).allMatch(l -> l <= 6);
    assertThat(google.tokensIssued()).isEqualTo(1);
    assertThat(google.claims().get(0).path("iss").asText()).isEqualTo(EMAIL);
  }

  @Test
  void updateStatus_writesOnlyTheStatusAndUpdatedCells_asPlainText_afterCheckingThem() {
    GoogleSheetsShotRepository shots = builder().open();
    time.advance(Duration.ofMinutes(5));

    Shot updated = shots.updateStatus("krak_00001", ShotStatus.AE_IN_PROGRESS);

    assertThat(updated.status()).isEqualTo(ShotStatus.AE_IN_PROGRESS);
    assertThat(shots.findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.AE_IN_PROGRESS);
    assertThat(google.get("'Shot list'!G3")).isEqualTo("ae_in_progress");
    assertThat(google.get("'Shot list'!H3")).isEqualTo("2026-01-05T09:05:00Z");
    assertThat(google.count("GET values:batchGet")).as("the read at open, then the check").isEqualTo(2);
    assertThat(google.count("POST values:batchUpdate")).isEqualTo(1);
    var body = google.updateBodies.get(0);
    assertThat(body.path("valueInputOption").asText()).isEqualTo("RAW");
    List<String> ranges = new ArrayList<>();
    body.path("data").forEach(d -> ranges.add(d.path("range").asText()));
    assertThat(ranges).containsExactly("'Shot list'!G3", "'Shot list'!H3");
  }

  @Test
  void updateStatus_whenSomeoneChangedTheCellSinceItWasRead_refusesNamingTheCellAndBothValues() {
    GoogleSheetsShotRepository shots = builder().open();
    google.set("'Shot list'!G4", "approved"); // the supervisor approved shot 002 in the sheet

    assertThatThrownBy(() -> shots.updateStatus("KRAK_00002", ShotStatus.EBSYNTH_READY))
        .isInstanceOfSatisfying(SheetConflictException.class, e -> {
          assertThat(e.cell()).isEqualTo("'Shot list'!G4");
          assertThat(e.expected()).isEqualTo("review_uploaded");
          assertThat(e.found()).isEqualTo("approved");
        })
        .hasMessageContaining("'Shot list'!G4").hasMessageContaining("was 'review_uploaded', now 'approved'")
        .hasMessageContaining("not overwritten");
    assertThat(google.get("'Shot list'!G4")).isEqualTo("approved");
    assertThat(google.count("POST values:batchUpdate")).isZero();
    assertThat(shots.findByNomenclature("KRAK_00002")).map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);
  }

  @Test
  void updateStatus_afterSomeoneInsertedARow_refusesToWriteIntoAnotherShotsRow() {
    GoogleSheetsShotRepository shots = builder().open();
    google.insertRow("Shot list", 3);

    assertThatThrownBy(() -> shots.updateStatus("KRAK_00003", ShotStatus.AE_IN_PROGRESS))
        .isInstanceOf(SheetConflictException.class)
        .hasMessageContaining("'Shot list'!F5").hasMessageContaining("no longer holds shot KRAK_00003")
        .hasMessageContaining("now 'KRAK_00002'");
    assertThat(google.count("POST values:batchUpdate")).isZero();

    // Read again, the shot is found in its new row and written there.
    assertThat(shots.reloadIfChanged()).isTrue();
    shots.updateStatus("KRAK_00003", ShotStatus.AE_IN_PROGRESS);
    assertThat(google.get("'Shot list'!G6")).isEqualTo("ae_in_progress");
  }

  @Test
  void updateStatuses_checksAndWritesManyInOneRequestEach_allOrNone() {
    GoogleSheetsShotRepository shots = builder().open();
    Map<String, ShotStatus> statuses = new LinkedHashMap<>();
    statuses.put("KRAK_00001", ShotStatus.REVIEW_UPLOADED);
    statuses.put("KRAK_00004", ShotStatus.REVIEW_UPLOADED);
    statuses.put("KRAK_00003", ShotStatus.AE_IN_PROGRESS);

    List<Shot> updated = shots.updateStatuses(statuses);

    assertThat(updated).extracting(Shot::number).containsExactly("001", "004", "003");
    assertThat(google.count("GET values:batchGet")).isEqualTo(2);
    assertThat(google.count("POST values:batchUpdate")).isEqualTo(1);
    assertThat(google.updateBodies.get(0).path("data")).hasSize(6);
    assertThat(List.of(google.get("'Shot list'!G3"), google.get("'Shot list'!G6"), google.get("'Shot list'!G5")))
        .containsExactly("review_uploaded", "review_uploaded", "ae_in_progress");

    statuses.put("KRAK_09999", ShotStatus.REVIEW_APPROVED);
    assertThatThrownBy(() -> shots.updateStatuses(statuses)).isInstanceOf(UnknownShotException.class);
    google.set("'Shot list'!G6", "approved");
    statuses.remove("KRAK_09999");
    assertThatThrownBy(() -> shots.updateStatuses(statuses)).isInstanceOf(SheetConflictException.class);
    assertThat(google.count("POST values:batchUpdate")).as("nothing written when one cell conflicts").isEqualTo(1);
  }

  @Test
  void calls_honourQuotaErrors_withExponentialBackOffAndRetryAfter_thenSucceed() {
    GoogleSheetsShotRepository shots = builder().open();
    google.fail(
        new FakeGoogleSheets.Fault(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Write requests'", null),
        new FakeGoogleSheets.Fault(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Write requests'", null),
        new FakeGoogleSheets.Fault(503, "UNAVAILABLE", "The service is currently unavailable.", "7"));

    shots.updateStatus("KRAK_00004", ShotStatus.AE_IN_PROGRESS);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(7));
    assertThat(google.get("'Shot list'!G6")).isEqualTo("ae_in_progress");
  }

  @Test
  void calls_whenTheServiceStaysDown_failAfterMaxAttemptsWithGooglesError() {
    GoogleSheetsShotRepository shots = builder().retry(3, Duration.ofMillis(500), Duration.ofSeconds(32)).open();
    for (int i = 0; i < 3; i++) {
      google.fail(new FakeGoogleSheets.Fault(500, "INTERNAL", "Internal error encountered.", null));
    }
    assertThatThrownBy(() -> shots.updateStatus("KRAK_00004", ShotStatus.AE_IN_PROGRESS))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(500);
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.isRetryable()).isTrue();
        })
        .hasMessageContaining("INTERNAL: Internal error encountered.");
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(google.count("POST values:batchUpdate")).isZero();
  }

  @Test
  void backOff_isCappedAndJittered_byUpToOneSecond() {
    SheetsApi api = new SheetsApi(google.baseUri(), "x", null, null, time.sleeper(), 8, Duration.ofSeconds(1),
        Duration.ofSeconds(32), Duration.ofSeconds(5), () -> 0.5);
    assertThat(api.delay(1, null)).isEqualTo(Duration.ofMillis(1500));
    assertThat(api.delay(4, null)).isEqualTo(Duration.ofMillis(8500));
    assertThat(api.delay(10, null)).isEqualTo(Duration.ofMillis(32500));
    assertThat(api.delay(2, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void token_isCached_refreshedBeforeItExpires_andAfterA401() {
    GoogleSheetsShotRepository shots = builder().checkInterval(Duration.ZERO).open();
    shots.reloadIfChanged();
    shots.updateStatus("KRAK_00001", ShotStatus.AE_IN_PROGRESS);
    assertThat(google.tokensIssued()).isEqualTo(1);

    time.advance(Duration.ofMinutes(59).plusSeconds(30)); // within a minute of the hour's end
    shots.reloadIfChanged();
    assertThat(google.tokensIssued()).isEqualTo(2);

    google.revokeTokens();
    shots.updateStatus("KRAK_00001", ShotStatus.REVIEW_UPLOADED);
    assertThat(google.tokensIssued()).isEqualTo(3);
    assertThat(time.sleeps()).as("a refused token is no reason to wait").isEmpty();
    assertThat(google.get("'Shot list'!G3")).isEqualTo("review_uploaded");
  }

  @Test
  void open_withAKeyGoogleDoesNotKnow_failsNamingTheAccount_notTheKey() {
    KeyPair other = rsa();
    assertThatThrownBy(() -> builder()
        .serviceAccountKey(ServiceAccountKey.of(EMAIL, "key-2", other.getPrivate(), google.tokenUri())).open())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(EMAIL).hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("PRIVATE KEY");
  }

  @Test
  void open_whenTheSheetIsNotShared_saysToShareItWithTheServiceAccount() {
    google.denyPermission();
    assertThatThrownBy(() -> builder().open())
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
        .hasMessageContaining("share the spreadsheet with the service account " + EMAIL)
        .hasMessageContaining("PERMISSION_DENIED")
        .hasMessageNotContaining("ya29");
  }

  @Test
  void open_ofAnUnknownSpreadsheet_saysWhereTheIdIs() {
    assertThatThrownBy(() -> builder().spreadsheetId("1NoSuchSheet").open())
        .isInstanceOf(ServiceException.class).hasMessageContaining("no such spreadsheet")
        .hasMessageContaining("NOT_FOUND");
  }

  @Test
  void open_ofASheetWithoutTheStatusColumn_namesTheColumnToAdd() {
    assertThatThrownBy(() -> builder().statusHeader("STATUT").open())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sheet 'Shot list'").hasMessageContaining("'STATUT'");
  }

  @Test
  void open_withoutRequiredSettings_namesThem() {
    assertThatThrownBy(() -> builder().spreadsheetId(" ").open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'spreadsheetId'");
    assertThatThrownBy(() -> builder().serviceAccountKey(null).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'serviceAccountKey'");
    assertThatThrownBy(() -> builder().retry(3, Duration.ofSeconds(9), Duration.ofSeconds(2)).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'baseDelay'");
  }

  @Test
  void reloadIfDue_readsTheSheetAgainAfterTheInterval_andOwnWritesAreNoChange() {
    GoogleSheetsShotRepository shots = builder().checkInterval(Duration.ofMinutes(1)).open();
    AtomicInteger reloads = new AtomicInteger();
    shots.addReloadListener(reloads::incrementAndGet);
    shots.updateStatus("KRAK_00001", ShotStatus.AE_IN_PROGRESS);
    google.set("'Shot list'!A7", "005");
    google.set("'Shot list'!B7", "PORT - AUBE");
    google.set("'Shot list'!C7", "01:00:16:00");
    google.set("'Shot list'!D7", "01:00:20:00");
    google.set("'Shot list'!E7", "A005.mov");
    google.set("'Shot list'!F7", "KRAK_00005");

    assertThat(shots.reloadIfDue()).as("within the minute").isFalse();
    long reads = google.count("GET values:batchGet");
    time.advance(Duration.ofMinutes(1));
    assertThat(shots.reloadIfDue()).isTrue();
    assertThat(google.count("GET values:batchGet")).isEqualTo(reads + 1);
    assertThat(shots.findByNomenclature("KRAK_00005")).map(Shot::line).contains(7);
    assertThat(shots.findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.AE_IN_PROGRESS);
    assertThat(reloads).hasValue(1);

    shots.updateStatus("KRAK_00005", ShotStatus.AE_IN_PROGRESS);
    time.advance(Duration.ofMinutes(1));
    assertThat(shots.reloadIfDue()).as("PostFlow's own write is no edit").isFalse();
  }

  @Test
  void reload_whenTheSheetCannotBeRead_keepsTheLastGoodList() {
    GoogleSheetsShotRepository shots = builder().retry(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).open();
    google.fail(new FakeGoogleSheets.Fault(503, "UNAVAILABLE", "The service is currently unavailable.", null));
    assertThat(shots.reloadIfChanged()).isFalse();
    assertThat(shots.shots()).hasSize(4);
    assertThat(shots.reloadProblem()).hasValueSatisfying(p -> assertThat(p).contains("503"));
    assertThat(shots.reloadIfChanged()).isFalse();
    assertThat(shots.reloadProblem()).isEmpty();
  }

  @Test
  void secrets_neverShowInToStringOrMessages() {
    GoogleSheetsShotRepository shots = builder().open();
    ServiceAccountKey key = ServiceAccountKey.of(EMAIL, "key-1", KEYS.getPrivate(), google.tokenUri());
    assertThat(shots.toString()).contains("Shot list").doesNotContain("ya29");
    assertThat(key.toString()).contains(EMAIL).contains("key-1")
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded()).substring(0, 40));
  }

  @Test
  void fromEnvironment_takesEveryKey_andNamesTheOneThatIsWrong(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + java.util.Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
    java.nio.file.Path keyFile = java.nio.file.Files.writeString(dir.resolve("sa.json"), "{\"type\": \"service_account\","
        + " \"client_email\": \"" + EMAIL + "\", \"private_key_id\": \"k\", \"private_key\": \"" + pem + "\","
        + " \"token_uri\": \"" + google.tokenUri() + "\"}");
    Map<String, String> env = Map.of(
        GoogleSheetsShotRepository.KEY_SPREADSHEET, FakeGoogleSheets.SPREADSHEET,
        GoogleSheetsShotRepository.KEY_SHEET, "Shot list",
        "GOOGLE_APPLICATION_CREDENTIALS", keyFile.toString(),
        GoogleSheetsShotRepository.KEY_UPDATED_HEADER, "",
        GoogleSheetsShotRepository.KEY_CHECK_INTERVAL, "90",
        "POSTFLOW_SHOT_LIST_FPS", "25");
    GoogleSheetsShotRepository shots = GoogleSheetsShotRepository.builder().fromEnvironment(env)
        .baseUri(google.baseUri()).clock(time.clock()).sleeper(time.sleeper()).open();
    shots.updateStatus("KRAK_00001", ShotStatus.AE_IN_PROGRESS);
    assertThat(google.get("'Shot list'!G3")).isEqualTo("ae_in_progress");
    assertThat(google.get("'Shot list'!H3")).as("no updated column configured").isEmpty();

    assertThatThrownBy(() -> GoogleSheetsShotRepository.builder()
        .fromEnvironment(Map.of(GoogleSheetsShotRepository.KEY_CHECK_INTERVAL, "1 min")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("POSTFLOW_SHEETS_CHECK_INTERVAL");
    assertThatThrownBy(() -> GoogleSheetsShotRepository.builder().fromEnvironment(Map.of("POSTFLOW_SHOT_LIST_FPS", "26")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("POSTFLOW_SHOT_LIST_FPS");
  }

  @Test
  void updateStatus_fromSeveralThreadsAtOnce_writesTheQueuedOnesTogether_eachFailingOnItsOwn() throws Exception {
    GoogleSheetsShotRepository shots = builder().open();
    java.util.concurrent.CountDownLatch onTheWire = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
    google.beforeApi(() -> {
      if (first.getAndSet(false)) {
        onTheWire.countDown();
        try {
          release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var a = pool.submit(() -> shots.updateStatus("KRAK_00001", ShotStatus.AE_IN_PROGRESS));
      assertThat(onTheWire.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the first check is on the wire").isTrue();
      var b = pool.submit(() -> shots.updateStatus("KRAK_00002", ShotStatus.EBSYNTH_READY));
      var c = pool.submit(() -> shots.updateStatus("KRAK_00004", ShotStatus.AE_IN_PROGRESS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (shots.queued() < 2) {
        assertThat(System.nanoTime()).as("both updates queued in time").isLessThan(deadline);
        Thread.sleep(2);
      }
      google.set("'Shot list'!G4", "approved"); // someone approves 002 meanwhile
      release.countDown();

      assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(ShotStatus.AE_IN_PROGRESS);
      assertThat(c.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(ShotStatus.AE_IN_PROGRESS);
      assertThatThrownBy(() -> b.get(30, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(SheetConflictException.class);
    } finally {
      pool.shutdownNow();
    }
    assertThat(google.count("POST values:batchUpdate")).as("one write for the first, one for the queued").isEqualTo(2);
    assertThat(google.updateBodies.get(1).path("data")).as("004's status and updated cells; 002 not written").hasSize(2);
    assertThat(google.get("'Shot list'!G4")).isEqualTo("approved");
    assertThat(google.get("'Shot list'!G6")).isEqualTo("ae_in_progress");
    assertThat(shots.findByNomenclature("KRAK_00004")).map(Shot::status).contains(ShotStatus.AE_IN_PROGRESS);
  }
}
