package io.postflow.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountKeyTest {
  private static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
      + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(GoogleSheetsShotRepositoryTest.KEYS.getPrivate().getEncoded())
      + "\n-----END PRIVATE KEY-----\n";

  private static String json(String type, String email, String pem) {
    return "{\"type\": \"" + type + "\", \"project_id\": \"krak-prod\", \"private_key_id\": \"abc123\","
        + " \"private_key\": \"" + pem.replace("\n", "\\n") + "\", \"client_email\": \"" + email + "\","
        + " \"token_uri\": \"https://oauth2.googleapis.com/token\"}";
  }

  @Test
  void read_theConsolesJsonKey_givesTheAccountKeyIdAndTokenUri(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("postflow-sa.json"), json("service_account", "sa@krak.iam.gserviceaccount.com", PEM));
    ServiceAccountKey key = ServiceAccountKey.read(file);
    assertThat(key.clientEmail()).isEqualTo("sa@krak.iam.gserviceaccount.com");
    assertThat(key.privateKeyId()).contains("abc123");
    assertThat(key.tokenUri()).hasToString("https://oauth2.googleapis.com/token");
    assertThat(key.privateKey().getEncoded()).isEqualTo(GoogleSheetsShotRepositoryTest.KEYS.getPrivate().getEncoded());
    assertThat(key.toString()).doesNotContain("PRIVATE").doesNotContain(PEM.substring(30, 60));
  }

  @Test
  void parse_ofAnOAuthClientFile_namesTheTypeField() {
    assertThatThrownBy(() -> ServiceAccountKey.parse(json("authorized_user", "a@b", PEM), "client.json"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("type"))
        .hasMessageContaining("client.json").hasMessageContaining("not 'service_account'");
  }

  @Test
  void parse_withoutAnEmailOrWithABrokenKey_namesTheFieldAndNeverQuotesTheKey() {
    assertThatThrownBy(() -> ServiceAccountKey.parse(json("service_account", "", PEM), "k.json"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("client_email"));
    String broken = PEM.replace("A", "*");
    assertThatThrownBy(() -> ServiceAccountKey.parse(json("service_account", "a@b", broken), "k.json"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("private_key"))
        .hasMessageNotContaining(broken.substring(30, 60));
    assertThatThrownBy(() -> ServiceAccountKey.parse("{\"private_key\": \"" + PEM.substring(0, 50), "k.json"))
        .isInstanceOf(InvalidInputException.class).hasMessageNotContaining(PEM.substring(30, 50));
  }

  @Test
  void read_ofAMissingFile_namesIt(@TempDir Path dir) {
    assertThatThrownBy(() -> ServiceAccountKey.read(dir.resolve("nope.json")))
        .isInstanceOf(LocalFileException.class).hasMessageContaining("nope.json");
  }
}
