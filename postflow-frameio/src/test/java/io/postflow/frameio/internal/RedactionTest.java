package io.postflow.frameio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void withoutQuery_dropsQueryStrings_andHeaderValue_masksAuthorization() {
    assertThat(Redaction.withoutQuery("https://s3.example/bucket/part?X-Amz-Signature=abc&X-Amz-Credential=k"))
        .isEqualTo("https://s3.example/bucket/part?****");
    assertThat(Redaction.withoutQuery("https://h/p#frag")).isEqualTo("https://h/p");
    assertThat(Redaction.withoutQuery("/v4/me")).isEqualTo("/v4/me");
    assertThat(Redaction.headerValue("Authorization", "Bearer abc")).isEqualTo("****");
    assertThat(Redaction.headerValue("Content-Type", "video/quicktime")).isEqualTo("video/quicktime");
  }

  @Test
  void text_masksCredentialsInEveryShapeAServiceMayEchoThem() {
    assertThat(Redaction.text("Authorization: Bearer abc.def-123; next")).isEqualTo("Authorization: ****; next");
    assertThat(Redaction.text("authorization:Basic Y2xpZW50OnNlY3JldA==")).isEqualTo("authorization:****");
    assertThat(Redaction.text("sent Bearer eyJhbGciOiJIUzI1NiJ9 twice")).isEqualTo("sent Bearer **** twice");
    assertThat(Redaction.text("Host: h\nCookie: a=1; b=2\nAccept: */*")).isEqualTo("Host: h\nCookie: ****\nAccept: */*");
    assertThat(Redaction.text("{\"access_token\":\"A1x\",\"Refresh_Token\" : \"R\\\"2\",\"expires_in\":3600}"))
        .isEqualTo("{\"access_token\":\"****\",\"Refresh_Token\" : \"****\",\"expires_in\":3600}");
    assertThat(Redaction.text("{\"detail\":\"{\\\"client_secret\\\":\\\"cs1\\\"}\"}"))
        .isEqualTo("{\"detail\":\"{\\\"client_secret\\\":\\\"****\\\"}\"}");
    assertThat(Redaction.text("grant_type=authorization_code&code=C0DE&code_verifier=V&client_id=id"))
        .isEqualTo("grant_type=authorization_code&code=****&code_verifier=****&client_id=id");
    assertThat(Redaction.text("refresh_token: r-123, then")).isEqualTo("refresh_token: ****, then");
    assertThat(Redaction.text("GET https://b.s3.example/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=5ig failed"))
        .isEqualTo("GET https://b.s3.example/k?**** failed");
    assertThat(Redaction.text("X-Amz-Signature=5ig&X-Amz-Credential=AK"))
        .isEqualTo("X-Amz-Signature=****&X-Amz-Credential=****");
    assertThat(Redaction.text("<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIA1</AWSAccessKeyId>"
        + "<SignatureProvided>5ig</SignatureProvided></Error>"))
        .isEqualTo("<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>****</AWSAccessKeyId>"
            + "<SignatureProvided>****</SignatureProvided></Error>");
    assertThat(Redaction.text("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl seen"))
        .isEqualTo("token **** seen");
  }

  @Test
  void text_masksTheSecretsTheCallerNames_asWrittenAndFormEncoded() {
    assertThat(Redaction.text("echo: s3+cr/t= and s3%2Bcr%2Ft%3D", List.of("s3+cr/t=")))
        .isEqualTo("echo: **** and ****");
  }

  @Test
  void text_leavesWhatExplainsTheErrorAlone() {
    String plain = "Invalid value: name is too long (at /data/name); error_code=E42; grant_type=refresh_token;"
        + " Basic plan; <Code>AccessDenied</Code>; HTTP code 403";
    assertThat(Redaction.text(plain)).isEqualTo(plain);
    assertThat(Redaction.text(null)).isNull();
    assertThat(Redaction.text("")).isEmpty();
  }
}
