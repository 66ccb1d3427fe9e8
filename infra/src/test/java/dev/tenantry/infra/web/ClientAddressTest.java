package dev.tenantry.infra.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose address a limit counts: X-Forwarded-For is believed only as far as trusted proxies wrote it. */
class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.1"));

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesTheSocketsPeerIsTheClientWhateverTheHeaderSays() {
        ClientAddress direct = new ClientAddress(List.of());

        assertThat(direct.of(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aPeerThatIsNoTrustedProxyCannotChooseItsAddress() {
        assertThat(behindProxies.of(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressItForwarded() {
        assertThat(behindProxies.of(from("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void addressesTheClientPutInFrontOfTheProxiesEntriesAreIgnored() {
        // The client sent "X-Forwarded-For: 1.2.3.4" itself; the trusted proxies appended what they saw.
        assertThat(behindProxies.of(from("10.1.2.3", "1.2.3.4, 198.51.100.1, 192.0.2.1")))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(from("10.1.2.3", "1.2.3.4", "198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aHeaderThatIsNoAddressCountsAsTheProxyThatSentIt() {
        assertThat(behindProxies.of(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(from("10.1.2.3", "198.51.100.1, not-an-address"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aTrustedProxyWithoutHeaderIsItselfTheClient() {
        assertThat(behindProxies.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6PeersAndRangesWork() {
        ClientAddress v6 = new ClientAddress(List.of("::1", "fd00::/8"));

        assertThat(v6.of(from("0:0:0:0:0:0:0:1", "2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(v6.of(from("2001:db8::9", "2001:db8::7"))).isEqualTo("2001:db8::9");
    }
}
