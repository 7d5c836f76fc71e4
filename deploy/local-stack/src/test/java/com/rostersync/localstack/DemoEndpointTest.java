package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoSisGenerator;
import com.rostersync.localstack.sis.SisDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void changesOneRowOfTheDemoSisAndRejectsBadSql(@TempDir Path dir) throws Exception {
        SisDatabase sis = new SisDatabase(dir, "pw");
        sis.create(new DemoSisGenerator(DemoCatalog.standard(), 1).generate(1));
        try (DemoEndpoint endpoint = DemoEndpoint.start(0, sis)) {
            URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/demo/sql");

            HttpResponse<String> changed =
                    post(uri, "update people set family_name = 'Okafor-Lee' " + "where person_id = 'MHS-S0001'");
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.body()).isEqualTo("1 row changed\n");
            try (var c = sis.connect();
                    ResultSet rs = c.createStatement()
                            .executeQuery("select family_name from people where person_id = 'MHS-S0001'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Okafor-Lee");
            }

            assertThat(post(uri, "update no_such_table set x = 1").statusCode()).isEqualTo(400);
            assertThat(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(405);
        }
    }

    @Test
    void runsSeveralStatementsTogetherOrNoneOfThem(@TempDir Path dir) throws Exception {
        SisDatabase sis = new SisDatabase(dir, "pw");
        sis.create(new DemoSisGenerator(DemoCatalog.standard(), 1).generate(1));
        try (DemoEndpoint endpoint = DemoEndpoint.start(0, sis)) {
            URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/demo/sql");

            HttpResponse<String> both = post(
                    uri,
                    "update people set family_name = 'O''Neil; Jr' where person_id = 'MHS-S0001';\n"
                            + "update people set given_name = 'Zoé' where person_id in ('MHS-S0001', 'MHS-S0002');");
            assertThat(both.statusCode()).isEqualTo(200);
            assertThat(both.body()).isEqualTo("3 rows changed by 2 statements\n");
            assertThat(names(sis)).containsExactly("Zoé O'Neil; Jr", "Zoé");

            HttpResponse<String> secondFails = post(
                    uri,
                    "update people set given_name = 'Anna' where person_id = 'MHS-S0002'; update no_such_table set x = 1");
            assertThat(secondFails.statusCode()).isEqualTo(400);
            assertThat(names(sis)).as("the first statement was rolled back").containsExactly("Zoé O'Neil; Jr", "Zoé");
        }
    }

    private static java.util.List<String> names(SisDatabase sis) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var c = sis.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select given_name, family_name, person_id from people"
                                + " where person_id in ('MHS-S0001', 'MHS-S0002') order by person_id")) {
            while (rs.next()) {
                names.add(
                        rs.getString(3).equals("MHS-S0001")
                                ? rs.getString(1) + " " + rs.getString(2)
                                : rs.getString(1));
            }
        }
        return names;
    }

    private HttpResponse<String> post(URI uri, String sql) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(sql))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
