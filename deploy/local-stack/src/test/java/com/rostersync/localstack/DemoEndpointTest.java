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

    private HttpResponse<String> post(URI uri, String sql) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(sql))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
