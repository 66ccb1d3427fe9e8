package dev.tenantry.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the app keeps its data: the benchmark writes bulk rows there directly, as no API could do it in time. */
record Database(String url, String user, String password) {

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
