package com.rostersync.extractor.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server (binaries from Maven Central) with a {@code sis} login that must give its password over
 * TCP, so a wrong one is really rejected (28P01). Each {@link #createDatabase()} is a fresh SIS in our canonical schema
 * with the fixture rows and PostgreSQL change tracking. Where PostgreSQL cannot start, the test class is skipped.
 */
public final class PostgresSis implements AutoCloseable {

    public static final String USER = "sis";
    public static final String PASSWORD = "pg-sis-password";

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresSis(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server in {@code dir}, or aborts the calling test class when PostgreSQL cannot start here. */
    public static PostgresSis startIn(Path dir) throws Exception {
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres postgres = null;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (Exception | Error cannotStart) {
            Assumptions.abort("embedded PostgreSQL cannot start here: " + cannotStart);
        }
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
        }
        Files.writeString(
                data.resolve("pg_hba.conf"),
                "local all all trust\nhost all " + USER + " 127.0.0.1/32 md5\nhost all postgres 127.0.0.1/32 trust\n");
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("select pg_reload_conf()");
        }
        return new PostgresSis(postgres);
    }

    /** A new database owned by {@code sis}, loaded with the schema, the fixture and change tracking; its JDBC URL. */
    public String createDatabase() throws Exception {
        String name = "sis" + databases.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + " owner " + USER);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
        for (String resource : List.of("/sis/schema.sql", "/sis/fixture.sql", "/sis/change-tracking-postgresql.sql")) {
            execute(url, script(resource).toArray(String[]::new));
        }
        return url;
    }

    public static void execute(String url, String... statements) throws SQLException {
        try (Connection sis = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = sis.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static List<String> script(String resource) throws IOException {
        try (InputStream in = PostgresSis.class.getResourceAsStream(resource)) {
            StringBuilder clean = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int comment = line.indexOf("--");
                clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            }
            // Statements end a line; a semicolon inside a line belongs to a PL/pgSQL body.
            return java.util.Arrays.stream(clean.toString().split(";\\s*\\n"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }
}
