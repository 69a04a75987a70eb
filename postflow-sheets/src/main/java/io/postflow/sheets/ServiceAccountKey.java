package io.postflow.sheets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A Google Cloud service account's JSON key (the file the console downloads: {@code type},
 * {@code client_email}, {@code private_key_id}, {@code private_key}, {@code token_uri}). The
 * private key never leaves this object: {@link #toString()} names the account and key id only,
 * and errors never quote the file's content.
 */
public final class ServiceAccountKey {
  /** Where Google issues tokens when the key does not say. */
  public static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String clientEmail;
  private final String privateKeyId;
  private final PrivateKey privateKey;
  private final URI tokenUri;

  private ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {
    this.clientEmail = clientEmail;
    this.privateKeyId = privateKeyId;
    this.privateKey = privateKey;
    this.tokenUri = tokenUri;
  }

  /**
   * Reads a JSON key file.
   *
   * @throws LocalFileException naming the file when it cannot be read
   * @throws InvalidInputException naming the file and the field when it is not a service account key
   */
  public static ServiceAccountKey read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new LocalFileException("cannot read the service account key", file, e);
    }
  }

  /**
   * Reads a JSON key from text; {@code source} names it in errors.
   *
   * @throws InvalidInputException naming the source and the field when it is not a service account key
   */
  public static ServiceAccountKey parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Not e.getMessage(): Jackson quotes the text around the error, which may be the key.
      throw new InvalidInputException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          null, "not valid JSON; expected the service account key downloaded from the Google Cloud console");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(source, 0, null, "not a JSON object; expected a service account key");
    }
    if (!"service_account".equals(root.path("type").asText())) {
      throw new InvalidInputException(source, 0, "type", "is '" + root.path("type").asText()
          + "', not 'service_account': use a service account's key, not an OAuth client's");
    }
    String email = required(root, "client_email", source);
    String pem = required(root, "private_key", source);
    String keyId = root.path("private_key_id").asText("");
    URI tokenUri = root.hasNonNull("token_uri") ? URI.create(root.get("token_uri").asText()) : GOOGLE_TOKEN_URI;
    return new ServiceAccountKey(email, keyId, privateKey(pem, source), tokenUri);
  }

  /** A key from its parts (tests, or keys kept in a secret store). */
  public static ServiceAccountKey of(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {
    return new ServiceAccountKey(Objects.requireNonNull(clientEmail, "clientEmail"),
        Objects.requireNonNull(privateKeyId, "privateKeyId"), Objects.requireNonNull(privateKey, "privateKey"),
        Objects.requireNonNull(tokenUri, "tokenUri"));
  }

  /** The account, e.g. {@code postflow@krak-prod.iam.gserviceaccount.com}: share the sheet with it. */
  public String clientEmail() {
    return clientEmail;
  }

  /** The key's id, sent as the JWT's {@code kid}; empty when the file has none. */
  public Optional<String> privateKeyId() {
    return privateKeyId.isEmpty() ? Optional.empty() : Optional.of(privateKeyId);
  }

  /** Where tokens are asked for ({@code token_uri}). */
  public URI tokenUri() {
    return tokenUri;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  private static String required(JsonNode root, String field, String source) {
    String value = root.path(field).asText("");
    if (value.isBlank()) {
      throw new InvalidInputException(source, 0, field, "missing: a service account key has it");
    }
    return value;
  }

  private static PrivateKey privateKey(String pem, String source) {
    String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
        .replaceAll("\\s+", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // The cause's message is left out: some providers quote the bytes.
      throw new InvalidInputException(source, 0, "private_key", "is not an RSA private key in PKCS#8 PEM");
    }
  }

  @Override
  public String toString() {
    return "ServiceAccountKey[" + clientEmail + ", key id " + (privateKeyId.isEmpty() ? "(none)" : privateKeyId) + "]";
  }
}
