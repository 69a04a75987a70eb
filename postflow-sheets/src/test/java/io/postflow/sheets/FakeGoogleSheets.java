package io.postflow.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of Google's token endpoint and the Sheets API v4 values endpoints
 * ({@code values:batchGet}, {@code values:batchUpdate}), answering in Google's published shapes:
 * values as {@code valueRanges[].values} rows with trailing empty cells and rows left out, errors
 * as {@code {"error": {"code", "message", "status"}}}, token errors as
 * {@code {"error", "error_description"}}. The token endpoint checks the JWT's RS256 signature
 * against the service account's public key and its claims. Scripted faults answer the next API
 * requests. Loopback, port chosen at run time.
 */
final class FakeGoogleSheets implements AutoCloseable {
  static final String SPREADSHEET = "1KrakShotList_fake";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CELL = Pattern.compile("(?:'((?:[^']|'')+)'|([^!]+))(?:!([A-Z]+)(\\d+))?");

  private final HttpServer server;
  private final PublicKey publicKey;
  private final String clientEmail;
  private final Map<String, List<List<String>>> sheets = new HashMap<>();
  private final Map<String, Long> tokens = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<JsonNode> updateBodies = new CopyOnWriteArrayList<>();
  private final List<JsonNode> claims = new CopyOnWriteArrayList<>();
  private volatile Runnable beforeApi = () -> {};
  private long tokenLifetimeSeconds = 3600;
  private boolean permissionDenied;

  /** An answer the next API request gets instead of its own. */
  record Fault(int code, String status, String message, String retryAfter) {}

  FakeGoogleSheets(PublicKey publicKey, String clientEmail) throws IOException {
    this.publicKey = publicKey;
    this.clientEmail = clientEmail;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v4/spreadsheets/", this::api);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI tokenUri() {
    return baseUri().resolve("/token");
  }

  synchronized void sheet(String name, List<List<String>> rows) {
    List<List<String>> copy = new ArrayList<>();
    rows.forEach(r -> copy.add(new ArrayList<>(r)));
    sheets.put(name, copy);
  }

  /** A cell as a person would type it: {@code Shots!F3}. */
  synchronized void set(String a1, String value) {
    Matcher m = parse(a1);
    put(sheetName(m), column(m.group(3)), Integer.parseInt(m.group(4)), value);
  }

  synchronized String get(String a1) {
    Matcher m = parse(a1);
    return cell(sheets.get(sheetName(m)), Integer.parseInt(m.group(4)), column(m.group(3)));
  }

  /** Inserts an empty row before {@code row} (1-based), as a person inserting a row would. */
  synchronized void insertRow(String sheet, int row) {
    sheets.get(sheet).add(row - 1, new ArrayList<>());
  }

  synchronized void fail(Fault... next) {
    faults.addAll(List.of(next));
  }

  synchronized void denyPermission() {
    permissionDenied = true;
  }

  synchronized void tokenLifetime(long seconds) {
    tokenLifetimeSeconds = seconds;
  }

  /** Forgets every token issued, as when Google revokes them. */
  synchronized void revokeTokens() {
    tokens.clear();
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  List<JsonNode> claims() {
    return claims;
  }

  long count(String prefix) {
    return requests.stream().filter(r -> r.startsWith(prefix)).count();
  }

  private void token(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> fields = new HashMap<>();
    for (String pair : form.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type"))) {
      tokenError(exchange, 400, "unsupported_grant_type", "Invalid grant_type: " + fields.get("grant_type"));
      return;
    }
    String[] parts = fields.getOrDefault("assertion", "").split("\\.");
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(publicKey);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        tokenError(exchange, 400, "invalid_grant", "Invalid JWT Signature.");
        return;
      }
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claim = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!"RS256".equals(header.path("alg").asText()) || !clientEmail.equals(claim.path("iss").asText())
          || !tokenUri().toString().equals(claim.path("aud").asText())
          || !GoogleSheetsShotRepository.SCOPE.equals(claim.path("scope").asText())
          || claim.path("exp").asLong() - claim.path("iat").asLong() > 3600) {
        tokenError(exchange, 400, "invalid_grant", "Invalid JWT: claims");
        return;
      }
      claims.add(claim);
    } catch (Exception e) {
      tokenError(exchange, 400, "invalid_grant", "Invalid JWT: " + e.getClass().getSimpleName());
      return;
    }
    String token = "ya29.fake-" + tokensIssued.incrementAndGet();
    synchronized (this) {
      tokens.put(token, tokenLifetimeSeconds);
    }
    send(exchange, 200, JSON.createObjectNode().put("access_token", token)
        .put("expires_in", tokenLifetimeSeconds).put("token_type", "Bearer"), null);
  }

  /** Runs at the start of every API request, on the server's thread (tests hold a request). */
  void beforeApi(Runnable hook) {
    beforeApi = hook;
  }

  private void api(HttpExchange exchange) throws IOException {
    beforeApi.run();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body = exchange.getRequestBody().readAllBytes();
    requests.add(exchange.getRequestMethod() + " " + path.substring(path.lastIndexOf('/') + 1));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Fault fault;
    synchronized (this) {
      if (auth == null || !auth.startsWith("Bearer ") || !tokens.containsKey(auth.substring(7))) {
        apiError(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials."
            + " Expected OAuth 2 access token, login cookie or other valid authentication credential.", null);
        return;
      }
      if (permissionDenied) {
        apiError(exchange, 403, "PERMISSION_DENIED", "The caller does not have permission", null);
        return;
      }
      fault = faults.poll();
    }
    if (fault != null) {
      apiError(exchange, fault.code(), fault.status(), fault.message(), fault.retryAfter());
      return;
    }
    String[] segments = path.split("/");
    String id = segments[3];
    String method = segments[4];
    if (!SPREADSHEET.equals(id)) {
      apiError(exchange, 404, "NOT_FOUND", "Requested entity was not found.", null);
      return;
    }
    if (method.equals("values:batchGet") && exchange.getRequestMethod().equals("GET")) {
      batchGet(exchange, query);
    } else if (method.equals("values:batchUpdate") && exchange.getRequestMethod().equals("POST")) {
      batchUpdate(exchange, JSON.readTree(body));
    } else {
      apiError(exchange, 404, "NOT_FOUND", "Method not found.", null);
    }
  }

  private synchronized void batchGet(HttpExchange exchange, String query) throws IOException {
    ObjectNode answer = JSON.createObjectNode().put("spreadsheetId", SPREADSHEET);
    ArrayNode ranges = answer.putArray("valueRanges");
    for (String pair : query.split("&")) {
      if (!pair.startsWith("ranges=")) {
        continue;
      }
      String range = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
      Matcher m = CELL.matcher(range);
      if (!m.matches() || !sheets.containsKey(sheetName(m))) {
        apiError(exchange, 400, "INVALID_ARGUMENT", "Unable to parse range: " + range, null);
        return;
      }
      List<List<String>> rows = sheets.get(sheetName(m));
      ObjectNode valueRange = ranges.addObject().put("range", range).put("majorDimension", "ROWS");
      List<List<String>> values = new ArrayList<>();
      if (m.group(3) == null) {
        rows.forEach(r -> values.add(r));
      } else {
        String v = cell(rows, Integer.parseInt(m.group(4)), column(m.group(3)));
        values.add(v.isEmpty() ? List.of() : List.of(v));
      }
      // Google leaves out trailing empty cells of each row, and trailing empty rows.
      List<List<String>> trimmed = new ArrayList<>();
      for (List<String> r : values) {
        int end = r.size();
        while (end > 0 && r.get(end - 1).isEmpty()) {
          end--;
        }
        trimmed.add(r.subList(0, end));
      }
      while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
        trimmed.remove(trimmed.size() - 1);
      }
      if (!trimmed.isEmpty()) {
        ArrayNode out = valueRange.putArray("values");
        trimmed.forEach(r -> {
          ArrayNode row = out.addArray();
          r.forEach(row::add);
        });
      }
    }
    send(exchange, 200, answer, null);
  }

  private synchronized void batchUpdate(HttpExchange exchange, JsonNode request) throws IOException {
    String input = request.path("valueInputOption").asText();
    if (!input.equals("RAW") && !input.equals("USER_ENTERED")) {
      apiError(exchange, 400, "INVALID_ARGUMENT", "Invalid valueInputOption: " + input, null);
      return;
    }
    updateBodies.add(request);
    Map<String, String> writes = new LinkedHashMap<>();
    for (JsonNode data : request.path("data")) {
      Matcher m = CELL.matcher(data.path("range").asText());
      if (!m.matches() || m.group(3) == null || !sheets.containsKey(sheetName(m))) {
        apiError(exchange, 400, "INVALID_ARGUMENT", "Unable to parse range: " + data.path("range").asText(), null);
        return;
      }
      writes.put(data.path("range").asText(), data.path("values").path(0).path(0).asText());
    }
    writes.forEach(this::set);
    send(exchange, 200, JSON.createObjectNode().put("spreadsheetId", SPREADSHEET)
        .put("totalUpdatedCells", writes.size()).put("totalUpdatedRows", writes.size())
        .put("totalUpdatedColumns", 1).put("totalUpdatedSheets", 1), null);
  }

  private static Matcher parse(String a1) {
    Matcher m = CELL.matcher(a1);
    if (!m.matches() || m.group(3) == null) {
      throw new IllegalArgumentException("not a cell: " + a1);
    }
    return m;
  }

  private static String sheetName(Matcher m) {
    return m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2);
  }

  private static int column(String letters) {
    int n = 0;
    for (char c : letters.toCharArray()) {
      n = n * 26 + (c - 'A' + 1);
    }
    return n - 1;
  }

  private void put(String sheet, int column, int row, String value) {
    List<List<String>> rows = sheets.get(sheet);
    while (rows.size() < row) {
      rows.add(new ArrayList<>());
    }
    List<String> r = rows.get(row - 1);
    while (r.size() <= column) {
      r.add("");
    }
    r.set(column, value);
  }

  private static String cell(List<List<String>> rows, int row, int column) {
    if (row > rows.size()) {
      return "";
    }
    List<String> r = rows.get(row - 1);
    return column < r.size() ? r.get(column) : "";
  }

  private static void apiError(HttpExchange exchange, int code, String status, String message, String retryAfter)
      throws IOException {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("code", code).put("message", message).put("status", status);
    send(exchange, code, error, retryAfter);
  }

  private static void tokenError(HttpExchange exchange, int code, String error, String description) throws IOException {
    send(exchange, code, JSON.createObjectNode().put("error", error).put("error_description", description), null);
  }

  private static void send(HttpExchange exchange, int code, JsonNode body, String retryAfter) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
