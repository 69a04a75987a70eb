package io.postflow.pipeline.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void redact_hidesAPasswordParameterWhereverItStands() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/pf?password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/pf?password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/pf?user=a&PASSWORD=s3cret"))
        .isEqualTo("jdbc:postgresql://db/pf?user=a&PASSWORD=***");
  }

  @Test
  void redact_hidesThePasswordOfUserInfo() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://pf:s3cret@db:5432/pf")).isEqualTo("jdbc:postgresql://pf:***@db:5432/pf");
  }

  @Test
  void redact_leavesAUrlWithoutPasswordAsItIs() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/pf?currentSchema=postflow"))
        .isEqualTo("jdbc:postgresql://db:5432/pf?currentSchema=postflow");
    assertThat(JdbcUrls.redact(null)).isNull();
  }
}
