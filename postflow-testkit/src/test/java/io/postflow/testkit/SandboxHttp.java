package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw java.net.http calls against a sandbox, as a client would make them (no PostFlow client). */
final class SandboxHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final FrameioSandbox sandbox;
  String token;

  SandboxHttp(FrameioSandbox sandbox) {
    this.sandbox = sandbox;
    this.token = sandbox.issueAccessToken();
  }

  String account() {
    return "/v4/accounts/" + sandbox.accountId();
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  HttpResponse<String> post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> patch(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + path))
        .timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + response.body(), e);
    }
  }

  static JsonNode data(HttpResponse<String> response) {
    return json(response).get("data");
  }

  /** Creates a folder under {@code parentId} and returns its id. */
  String createFolder(String parentId, String name) {
    HttpResponse<String> r = post(account() + "/folders/" + parentId + "/folders",
        "{\"data\":{\"name\":\"" + name + "\"}}");
    if (r.statusCode() != 201) {
      throw new AssertionError("create folder: " + r.statusCode() + " " + r.body());
    }
    return data(r).get("id").asText();
  }

  /** Starts a local upload in {@code folderId}; returns the whole 201 data (file + upload_urls). */
  JsonNode localUpload(String folderId, String name, long size) {
    HttpResponse<String> r = post(account() + "/folders/" + folderId + "/files/local_upload",
        "{\"data\":{\"name\":\"" + name + "\",\"file_size\":" + size + "}}");
    if (r.statusCode() != 201) {
      throw new AssertionError("local_upload: " + r.statusCode() + " " + r.body());
    }
    return data(r);
  }

  /** PUTs one part exactly as a correct client does. */
  static HttpResponse<String> putPart(String url, String mediaType, byte[] bytes) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", mediaType).header("x-amz-acl", "private")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
  }

  /** Uploads {@code bytes} through every part URL of {@code upload}. */
  static void putAll(JsonNode upload, byte[] bytes) {
    int offset = 0;
    for (JsonNode part : upload.get("upload_urls")) {
      int size = part.get("size").asInt();
      byte[] slice = java.util.Arrays.copyOfRange(bytes, offset, offset + size);
      HttpResponse<String> r = putPart(part.get("url").asText(), upload.get("media_type").asText(), slice);
      if (r.statusCode() != 200) {
        throw new AssertionError("part PUT: " + r.statusCode() + " " + r.body());
      }
      offset += size;
    }
  }
}
