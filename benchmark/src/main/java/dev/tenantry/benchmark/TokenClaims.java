package dev.tenantry.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The event processors' segments as Axon's token store holds them ({@code token_entry}): which node claims each
 * ({@code owner}, the node's {@code tenantry.node-id}) and how far it has got (the token's global index).
 */
final class TokenClaims {

    // Tokens are Jackson-serialised GlobalSequence or GapAware tracking tokens: {"index":123,...}.
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");

    /** @param owner null when no node claims the segment; position -1 before it has processed anything */
    record Claim(String processor, int segment, String owner, long position) {
    }

    private TokenClaims() {
    }

    static List<Claim> read(Connection connection) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select processor_name, segment, owner, token from token_entry order by processor_name, segment")) {
            while (rows.next()) {
                byte[] token = rows.getBytes("token");
                Matcher index = INDEX.matcher(token == null ? "" : new String(token, StandardCharsets.UTF_8));
                claims.add(new Claim(rows.getString("processor_name"), rows.getInt("segment"), rows.getString("owner"),
                        index.find() ? Long.parseLong(index.group(1)) : -1));
            }
        }
        return claims;
    }

    /** The event store's highest global index. */
    static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** How many segments each owner holds, e.g. {@code node-1=9, node-2=1}; unclaimed ones under "nobody". */
    static Map<String, Long> byOwner(List<Claim> claims) {
        return claims.stream().collect(Collectors.groupingBy(claim -> claim.owner() == null ? "nobody" : claim.owner(),
                TreeMap::new, Collectors.counting()));
    }
}
