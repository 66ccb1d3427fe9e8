package dev.tenantry.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whom a request comes from, for the limits per client address: the socket's peer, unless that peer is one of
 * {@code tenantry.trusted-proxies} (addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}). Then it is the nearest
 * address in {@code X-Forwarded-For} that is not a trusted proxy: each proxy appends whom it got the request from,
 * so the entries further left were written by the client itself and prove nothing.
 */
@Component
public class ClientAddress {

    /** Digits, hex letters, dots and colons only: never a host name, which matching would look up in DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddress(@Value("${tenantry.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(proxy -> !proxy.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        String client = peer;
        List<String> forwarded = request.getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(request.getHeaders("X-Forwarded-For")).stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(","))).map(String::strip).toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i);
            if (!IP_LITERAL.matcher(hop).matches()) {
                // Garbage from a trusted proxy's view: the last address known for sure is the one it came from.
                return client;
            }
            client = hop;
            if (!isTrustedProxy(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrustedProxy(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return trustedProxies.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }
}
