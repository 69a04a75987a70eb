package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {
  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @Test
  void keyOf_exemptsWhereTunnelAgentsConnectFrom_andGroupsIpv6By64() throws UnknownHostException {
    assertThat(ConnectionTable.keyOf(ip("127.0.0.1"))).isNull();
    assertThat(ConnectionTable.keyOf(ip("::1"))).isNull();
    assertThat(ConnectionTable.keyOf(ip("::ffff:127.0.0.1"))).isNull(); // Java reads it as IPv4
    assertThat(ConnectionTable.keyOf(ip("127.0.0.2"))).isEqualTo(ip("127.0.0.2"));
    assertThat(ConnectionTable.keyOf(ip("203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
    assertThat(ConnectionTable.keyOf(ip("2001:db8:0:1::1")))
        .isEqualTo(ConnectionTable.keyOf(ip("2001:db8:0:1:ffff:ffff:ffff:ffff")))
        .isEqualTo(ip("2001:db8:0:1::"))
        .isNotEqualTo(ConnectionTable.keyOf(ip("2001:db8:0:2::1")));
  }
}
