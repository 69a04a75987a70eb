package io.postflow.sheets;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.PostFlowException;
import io.postflow.api.Shot;
import io.postflow.api.ShotRepository;
import io.postflow.api.ShotStatus;
import io.postflow.api.Sleeper;
import io.postflow.api.UnknownShotException;
import io.postflow.production.shotlist.Column;
import io.postflow.production.shotlist.IndexedShotRepository;
import io.postflow.production.shotlist.ShotIndex;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.shotlist.StatusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShotRepository} over the production's shot list on Google Sheets, read and written
 * through the Sheets API v4 values endpoints with a service account.
 *
 * <p><b>Reading.</b> One {@code values:batchGet} of the whole sheet, read by the same
 * {@link ShotListReader} as the CSV export (same {@code ColumnMapping}, normalisation, warnings);
 * a shot's {@link Shot#line()} is its row in the sheet. Lookups never do I/O;
 * {@link #reloadIfDue()} reads the sheet again at most once per check interval (the pipeline's
 * idle workers call it), keeping the last good list when the sheet cannot be read.
 *
 * <p><b>Writing.</b> Only the status column ({@value #DEFAULT_STATUS_HEADER} by default) and, when
 * the sheet has it, the "updated" column ({@value #DEFAULT_UPDATED_HEADER}) are ever written, as
 * plain text ({@code RAW}), never a formula. Before writing, the cells are read again: a status
 * cell someone changed since PostFlow read it, or a row that no longer holds the same shot (rows
 * inserted or sorted), is not overwritten and a {@link SheetConflictException} names the cell and
 * both values. {@link #updateStatuses} writes many statuses in one check and one write.
 *
 * <p><b>Quotas.</b> Google allows a number of read and write requests per minute; a 429
 * ({@code RESOURCE_EXHAUSTED}) or a 5xx is retried with truncated exponential back-off through
 * the injected {@link Sleeper}.
 *
 * <p>Thread-safe: lookups read an immutable snapshot; updates and reloads are serialised. The key
 * and tokens never appear in logs, messages or {@link #toString()}.
 */
public final class GoogleSheetsShotRepository extends IndexedShotRepository {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleSheetsShotRepository.class);
  /** The header of the column PostFlow writes statuses to. */
  public static final String DEFAULT_STATUS_HEADER = "POSTFLOW STATUS";
  /** The header of the optional column PostFlow writes the time of each status change to. */
  public static final String DEFAULT_UPDATED_HEADER = "POSTFLOW UPDATED";
  /** Google's Sheets API, production endpoint. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://sheets.googleapis.com");
  static final String SCOPE = "https://www.googleapis.com/auth/spreadsheets";
  /** The spreadsheet's id. */
  public static final String KEY_SPREADSHEET = "POSTFLOW_SHEETS_SPREADSHEET_ID";
  /** The sheet (tab) name. */
  public static final String KEY_SHEET = "POSTFLOW_SHEETS_SHEET";
  /** The service account's JSON key file. */
  public static final String KEY_KEY_FILE = "POSTFLOW_SHEETS_KEY_FILE";
  /** The status column's header. */
  public static final String KEY_STATUS_HEADER = "POSTFLOW_SHEETS_STATUS_HEADER";
  /** The "updated" column's header; empty for none. */
  public static final String KEY_UPDATED_HEADER = "POSTFLOW_SHEETS_UPDATED_HEADER";
  /** Seconds between looks at the sheet for edits. */
  public static final String KEY_CHECK_INTERVAL = "POSTFLOW_SHEETS_CHECK_INTERVAL";

  private final SheetsApi api;
  private final String spreadsheetId;
  private final String sheet;
  private final String source;
  private final ShotListReader reader;
  private final String statusHeader;
  private final String updatedHeader;
  private final Clock clock;
  private final Duration checkInterval;
  private final Object writeLock = new Object();
  private final List<Pending> queue = new ArrayList<>();
  private final StatusCells cells;
  private volatile SheetSnapshot snapshot;
  private volatile long lastCheckMillis;
  private volatile String reloadProblem;
  /** Status writes made so far: a read begun before one is older than the snapshot. */
  private volatile long writes;

  private GoogleSheetsShotRepository(Builder b, SheetsApi api) {
    this.api = api;
    this.cells = new StatusCells(api, b.sheet, b.clock);
    this.spreadsheetId = b.spreadsheetId;
    this.sheet = b.sheet;
    this.source = "sheet '" + b.sheet + "' of spreadsheet " + b.spreadsheetId;
    this.reader = b.reader;
    this.statusHeader = b.statusHeader;
    this.updatedHeader = b.updatedHeader;
    this.clock = b.clock;
    this.checkInterval = b.checkInterval;
  }

  /** A builder: spreadsheet id, sheet, key and reader are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ShotList shotList() {
    return snapshot.list();
  }

  @Override
  protected ShotIndex index() {
    return snapshot.index();
  }





  /**
   * {@inheritDoc}
   *
   * <p>Checks the cell, then writes it (see the class description); returns once Google has it.
   * Updates from several threads at once are written together: while one thread's write is on
   * the wire, the others queue, and the next of them checks and writes every queued status in one
   * read and one write (each still fails or succeeds on its own).
   *
   * @throws SheetConflictException when the cell or its row changed since it was read
   * @throws io.postflow.api.ServiceException when the API fails after its retries
   */
  @Override
  public Shot updateStatus(String nomenclature, ShotStatus status) {
    Pending mine = new Pending(nomenclature, Objects.requireNonNull(status, "status"), new CompletableFuture<>());
    synchronized (queue) {
      queue.add(mine);
    }
    synchronized (writeLock) {
      while (!mine.result().isDone()) {
        flushQueued();
      }
    }
    try {
      return mine.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Queued updates waiting for the write lock (tests check that they wait together). */
  int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /**
   * Checks and writes the queued updates, one per shot (a second update of the same shot stays
   * queued for the next round, so it is compared with the first one's status). Under writeLock.
   */
  private void flushQueued() {
    List<Pending> batch = new ArrayList<>();
    synchronized (queue) {
      java.util.Set<String> shots = new java.util.HashSet<>();
      for (java.util.Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        if (shots.add(ShotIndex.key(p.nomenclature()))) {
          batch.add(p);
          it.remove();
        }
      }
    }
    SheetSnapshot s = snapshot;
    List<Pending> known = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (Pending p : batch) {
      java.util.OptionalInt i = s.index().indexOf(p.nomenclature());
      if (i.isEmpty()) {
        p.result().completeExceptionally(new UnknownShotException(p.nomenclature(), source));
      } else {
        known.add(p);
        indexes.add(i.getAsInt());
      }
    }
    if (known.isEmpty()) {
      return;
    }
    try {
      List<SheetConflictException> conflicts = cells.compare(s, indexes);
      List<Pending> writing = new ArrayList<>();
      List<Integer> rows = new ArrayList<>();
      for (int k = 0; k < known.size(); k++) {
        if (conflicts.get(k) != null) {
          known.get(k).result().completeExceptionally(conflicts.get(k));
        } else {
          writing.add(known.get(k));
          rows.add(indexes.get(k));
        }
      }
      if (writing.isEmpty()) {
        return;
      }
      writes++;
      SheetSnapshot next = cells.write(s, rows, writing.stream().map(Pending::status).toList());
      snapshot = next;
      for (int k = 0; k < writing.size(); k++) {
        writing.get(k).result().complete(next.index().shots().get(rows.get(k)));
      }
      LOG.debug("{}: wrote {} status(es) in one request", source, writing.size());
    } catch (RuntimeException e) {
      known.forEach(p -> p.result().completeExceptionally(e));
    }
  }

  /** A status update waiting to be written. */
  private record Pending(String nomenclature, ShotStatus status, CompletableFuture<Shot> result) {}

  /**
   * Writes several statuses with one check (one read of their cells) and one write: all or none.
   *
   * @return the updated shots, in the map's iteration order
   * @throws UnknownShotException when a nomenclature names no shot (nothing is written)
   * @throws SheetConflictException when any of the cells or rows changed since it was read
   *     (nothing is written)
   * @throws io.postflow.api.ServiceException when the API fails after its retries
   */
  public List<Shot> updateStatuses(Map<String, ShotStatus> statuses) {
    statuses.values().forEach(s -> Objects.requireNonNull(s, "status"));
    synchronized (writeLock) {
      SheetSnapshot s = snapshot;
      List<Integer> indexes = new ArrayList<>();
      for (String nomenclature : statuses.keySet()) {
        indexes.add(s.index().indexOf(nomenclature)
            .orElseThrow(() -> new UnknownShotException(nomenclature, source)));
      }
      for (SheetConflictException conflict : cells.compare(s, indexes)) {
        if (conflict != null) {
          throw conflict;
        }
      }
      writes++;
      SheetSnapshot next = cells.write(s, indexes, new ArrayList<>(statuses.values()));
      snapshot = next;
      LOG.debug("{}: wrote {} status(es) in one request", source, indexes.size());
      return indexes.stream().map(i -> next.index().shots().get(i)).toList();
    }
  }

  /** {@inheritDoc} The interval is the builder's {@code checkInterval}, on its clock. */
  @Override
  public boolean reloadIfDue() {
    if (clock.millis() - lastCheckMillis < checkInterval.toMillis()) {
      return false;
    }
    return reloadIfChanged();
  }

  /**
   * {@inheritDoc} One read of the whole sheet, outside the write lock (a slow or rate-limited read
   * never holds up a status update); the list changes only when a cell did. A read that a status
   * update overtook is dropped: the next look reads again.
   */
  @Override
  public boolean reloadIfChanged() {
    lastCheckMillis = clock.millis();
    long writesBefore = writes;
    SheetSnapshot next;
    try {
      next = SheetSnapshot.read(api.batchGet(List.of(A1.sheet(sheet))).get(0), this::layout);
    } catch (PostFlowException e) {
      if (!e.getMessage().equals(reloadProblem)) {
        LOG.warn("Cannot read {} again, keeping the last good list ({} shots): {}", source,
            snapshot.index().shots().size(), e.getMessage());
      }
      reloadProblem = e.getMessage();
      return false;
    }
    synchronized (writeLock) {
      reloadProblem = null;
      if (writes != writesBefore || next.cells().equals(snapshot.cells())) {
        return false;
      }
      LOG.info("Reloaded {}: {} shots (was {})", source, next.index().shots().size(), snapshot.index().shots().size());
      snapshot = next;
    }
    tellReloadListeners();
    return true;
  }

  /** Why the sheet could not be read at the last look, when it could not. */
  public Optional<String> reloadProblem() {
    return Optional.ofNullable(reloadProblem);
  }



  /** Reads the rows with the production's reader and finds the columns PostFlow uses. */
  private SheetSnapshot.Layout layout(List<List<String>> rows) {
    if (rows.isEmpty()) {
      throw new InvalidInputException(source, 0, null, "the sheet is empty (no header row)");
    }
    ShotList list = reader.read(rows, source);
    int status = list.columnOf(statusHeader).orElseThrow(() -> new InvalidInputException(source,
        0, statusHeader, "no such column: add a column headed '" + statusHeader
            + "' to the header row; PostFlow writes statuses there and nowhere else"));
    String nomenclatureHeader = list.header(Column.NOMENCLATURE).orElseThrow();
    int nomenclature = list.columnOf(nomenclatureHeader).orElseThrow();
    int updated = updatedHeader == null ? -1 : list.columnOf(updatedHeader).orElse(-1);
    return new SheetSnapshot.Layout(list, status, nomenclature, updated, (cell, row) ->
        statusOf(cell, A1.cell(sheet, status, row)));
  }

  /** The status a cell holds; text that is no status is read as pending, with a warning. */
  private ShotStatus statusOf(String cell, String where) {
    try {
      return StatusText.parse(cell, where);
    } catch (InvalidInputException e) {
      LOG.warn("{} in {}; read as pending", e.getMessage(), source);
      return ShotStatus.PENDING;
    }
  }

  @Override
  public String toString() {
    return "GoogleSheetsShotRepository[" + source + ", " + snapshot.index().shots().size() + " shots]";
  }

  /** Builds and opens a {@link GoogleSheetsShotRepository}; not thread-safe. */
  public static final class Builder {
    private String spreadsheetId;
    private String sheet;
    private ServiceAccountKey key;
    private ShotListReader reader;
    private String statusHeader = DEFAULT_STATUS_HEADER;
    private String updatedHeader = DEFAULT_UPDATED_HEADER;
    private URI baseUri = DEFAULT_BASE_URI;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Duration checkInterval = Duration.ofMinutes(1);
    private int maxAttempts = 6;
    private Duration baseDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(32);
    private Duration timeout = Duration.ofSeconds(30);
    private java.util.function.DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Takes the settings {@code environment} has (usually {@code System.getenv()}):
     * {@value GoogleSheetsShotRepository#KEY_SPREADSHEET}, {@value GoogleSheetsShotRepository#KEY_SHEET}, {@value GoogleSheetsShotRepository#KEY_KEY_FILE} (else
     * {@code GOOGLE_APPLICATION_CREDENTIALS}), {@value GoogleSheetsShotRepository#KEY_STATUS_HEADER},
     * {@value GoogleSheetsShotRepository#KEY_UPDATED_HEADER} (empty: write no time), {@value GoogleSheetsShotRepository#KEY_CHECK_INTERVAL} (seconds)
     * and {@code POSTFLOW_SHOT_LIST_FPS} (the rate, as for the CSV; default 25). Settings made in
     * code before or after win over nothing: the last call wins.
     *
     * @throws ConfigurationException naming the variable whose value is wrong
     * @throws io.postflow.api.LocalFileException naming the key file when it cannot be read
     */
    public Builder fromEnvironment(Map<String, String> environment) {
      value(environment, KEY_SPREADSHEET).ifPresent(this::spreadsheetId);
      value(environment, KEY_SHEET).ifPresent(this::sheet);
      value(environment, KEY_KEY_FILE).or(() -> value(environment, "GOOGLE_APPLICATION_CREDENTIALS"))
          .ifPresent(file -> serviceAccountKey(ServiceAccountKey.read(java.nio.file.Path.of(file))));
      value(environment, KEY_STATUS_HEADER).ifPresent(this::statusHeader);
      if (environment.containsKey(KEY_UPDATED_HEADER)) {
        updatedHeader(environment.get(KEY_UPDATED_HEADER).isBlank() ? null : environment.get(KEY_UPDATED_HEADER).strip());
      }
      value(environment, KEY_CHECK_INTERVAL).ifPresent(v -> {
        try {
          checkInterval(Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException e) {
          throw new ConfigurationException(KEY_CHECK_INTERVAL + " must be a number of seconds, was '" + v + "'");
        }
      });
      String fps = value(environment, "POSTFLOW_SHOT_LIST_FPS").orElse("25");
      try {
        reader(ShotListReader.builder().rate(io.postflow.production.timecode.FrameRate.parse(fps)).build());
      } catch (ConfigurationException e) {
        throw new ConfigurationException("POSTFLOW_SHOT_LIST_FPS: " + e.getMessage(), e);
      }
      return this;
    }

    private static Optional<String> value(Map<String, String> environment, String key) {
      return Optional.ofNullable(environment.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Required: the id in the sheet's URL, {@code docs.google.com/spreadsheets/d/<id>/edit}. */
    public Builder spreadsheetId(String spreadsheetId) {
      this.spreadsheetId = spreadsheetId;
      return this;
    }

    /** Required: the sheet (tab) holding the shot list, e.g. {@code Shots}. */
    public Builder sheet(String sheet) {
      this.sheet = sheet;
      return this;
    }

    /** Required: the service account's key; the sheet must be shared with its e-mail. */
    public Builder serviceAccountKey(ServiceAccountKey key) {
      this.key = key;
      return this;
    }

    /** Required: how the rows are read (rate, column mapping), as for the CSV export. */
    public Builder reader(ShotListReader reader) {
      this.reader = reader;
      return this;
    }

    /** The header of the status column; default {@value GoogleSheetsShotRepository#DEFAULT_STATUS_HEADER}. */
    public Builder statusHeader(String header) {
      this.statusHeader = header;
      return this;
    }

    /**
     * The header of the column the time of each status change goes to, when the sheet has it;
     * default {@value GoogleSheetsShotRepository#DEFAULT_UPDATED_HEADER}; null never writes one.
     */
    public Builder updatedHeader(String header) {
      this.updatedHeader = header;
      return this;
    }

    /** The API's address; default {@link GoogleSheetsShotRepository#DEFAULT_BASE_URI} (tests point it at a fake). */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
      return this;
    }

    /** The HTTP client; default a new one with a 10 s connect timeout. Never closed by PostFlow. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** The clock for tokens, the check interval and the "updated" time; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How back-off waits; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** How often {@link GoogleSheetsShotRepository#reloadIfDue()} reads the sheet again; default 1 minute (quota-friendly). */
    public Builder checkInterval(Duration checkInterval) {
      this.checkInterval = checkInterval;
      return this;
    }

    /**
     * Attempts per call, and the back-off: {@code baseDelay * 2^n} capped at {@code maxDelay},
     * plus up to a second at random. Default 6 attempts, 1 s, 32 s (Google's recommendation).
     */
    public Builder retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
      this.maxAttempts = maxAttempts;
      this.baseDelay = baseDelay;
      this.maxDelay = maxDelay;
      return this;
    }

    /** The timeout of each request; default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The random source of the back-off's jitter (tests fix it). */
    Builder random(java.util.function.DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /**
     * Checks the settings, then reads the sheet.
     *
     * @throws ConfigurationException naming the setting that is missing or wrong
     * @throws InvalidInputException naming the sheet when it has no header row, misses a required
     *     column or the status column
     * @throws io.postflow.api.ServiceException when the API cannot be read (after retries), with
     *     what to do for 403 (share the sheet) and 404 (the id)
     * @throws io.postflow.api.AuthenticationException when Google refuses the key
     */
    public GoogleSheetsShotRepository open() {
      require(spreadsheetId, "spreadsheetId", "the id in the sheet's URL");
      require(sheet, "sheet", "the tab holding the shot list");
      if (key == null) {
        throw new ConfigurationException("'serviceAccountKey' is required: the JSON key of the service"
            + " account the sheet is shared with");
      }
      if (reader == null) {
        throw new ConfigurationException("'reader' is required: how the sheet's rows are read");
      }
      require(statusHeader, "statusHeader", "the header of the column PostFlow writes statuses to");
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new ConfigurationException("'maxAttempts' must be between 1 and 20, was " + maxAttempts);
      }
      if (baseDelay == null || baseDelay.isNegative() || maxDelay == null || baseDelay.compareTo(maxDelay) > 0) {
        throw new ConfigurationException("'baseDelay' cannot be negative or greater than 'maxDelay'");
      }
      if (checkInterval == null || checkInterval.isNegative()) {
        throw new ConfigurationException("'checkInterval' must be zero or positive, was " + checkInterval);
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new ConfigurationException("'timeout' must be positive, was " + timeout);
      }
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(sleeper, "sleeper");
      HttpClient http = httpClient != null ? httpClient
          : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      ServiceAccountTokens tokens = new ServiceAccountTokens(key, SCOPE, http, clock, timeout);
      SheetsApi api = new SheetsApi(baseUri, spreadsheetId, tokens, http, sleeper, maxAttempts, baseDelay,
          maxDelay, timeout, random);
      GoogleSheetsShotRepository repository = new GoogleSheetsShotRepository(this, api);
      repository.snapshot = SheetSnapshot.read(api.batchGet(List.of(A1.sheet(sheet))).get(0), repository::layout);
      repository.lastCheckMillis = clock.millis();
      LOG.debug("Read {}: {} shots", repository.source, repository.snapshot.index().shots().size());
      return repository;
    }

    private static void require(String value, String name, String what) {
      if (value == null || value.isBlank()) {
        throw new ConfigurationException("'" + name + "' is required: " + what);
      }
    }
  }
}
