package com.rostersync.extractor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real H2 file database with our canonical schema and the small fixture district, for the tests. */
public final class SisDatabase {

    public static final String USER = "sis";
    public static final String PASSWORD = "sis-password";

    private final String url;

    private SisDatabase(String url) {
        this.url = url;
    }

    /** Creates the schema and loads {@code sis/fixture.sql}. */
    public static SisDatabase createIn(Path folder) {
        SisDatabase db = new SisDatabase("jdbc:h2:file:" + folder.resolve("sis").toAbsolutePath());
        db.runScript("/sis/schema.sql");
        db.runScript("/sis/fixture.sql");
        return db;
    }

    /** Adds our H2 change tracking: updated_at on every table, and the deletion log. */
    public SisDatabase withChangeTracking() {
        runScript("/sis/change-tracking-h2.sql");
        return this;
    }

    public String url() {
        return url;
    }

    public void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /** The first column of every row the query returns, as text. */
    public List<String> column(String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("fixture query failed: " + e.getMessage(), e);
        }
    }

    private void runScript(String resource) {
        try (InputStream in = SisDatabase.class.getResourceAsStream(resource)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder clean = new StringBuilder();
            for (String line : script.split("\n")) {
                int comment = line.indexOf("--");
                clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            }
            execute(java.util.Arrays.stream(clean.toString().split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
