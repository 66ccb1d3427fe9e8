package dev.tenantry.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Looks for a string in every textual or binary column of every table of a schema. */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** The columns searched: text, varchar, char, json, jsonb and bytea columns of the schema's tables. */
    public static List<String> scannedColumns(JdbcTemplate jdbc, String schema) {
        return columns(jdbc, schema).stream()
                .map(column -> column.get("table_name") + "." + column.get("column_name"))
                .toList();
    }

    /** {@code table.column} of every column in which some row contains {@code needle} (bytea: its UTF-8 bytes). */
    public static List<String> columnsContaining(JdbcTemplate jdbc, String schema, String needle) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns(jdbc, schema)) {
            String table = quote(schema) + "." + quote((String) column.get("table_name"));
            String name = quote((String) column.get("column_name"));
            String condition = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(?, 'UTF8') in " + name + ") > 0"
                    : "strpos(" + name + "::text, ?) > 0";
            Integer rows = jdbc.queryForObject("select count(*) from " + table + " where " + condition,
                    Integer.class, needle);
            if (rows != null && rows > 0) {
                found.add(column.get("table_name") + "." + column.get("column_name"));
            }
        }
        return found;
    }

    private static List<Map<String, Object>> columns(JdbcTemplate jdbc, String schema) {
        return jdbc.queryForList("""
                select c.table_name, c.column_name, c.data_type
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
                order by c.table_name, c.ordinal_position""", schema);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
