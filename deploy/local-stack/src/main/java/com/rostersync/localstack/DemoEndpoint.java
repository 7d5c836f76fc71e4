package com.rostersync.localstack;

import com.rostersync.localstack.sis.SisDatabase;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /demo/sql} on the loopback interface: runs SQL statements (one, or several separated by {@code ;}, in
 * one transaction) against the demo SIS inside the stack's own JVM, so "change a row and watch the files" is one curl
 * command and never competes with the stack for the database file. Local demo only; it is not part of any service.
 */
final class DemoEndpoint implements AutoCloseable {

    private final HttpServer server;

    private DemoEndpoint(HttpServer server) {
        this.server = server;
    }

    static DemoEndpoint start(int port, SisDatabase sis) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/demo/sql", exchange -> handle(exchange, sis));
            server.start();
            return new DemoEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the demo endpoint cannot listen on port " + port + " (choose another with --local.demo-port=N)",
                    e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, SisDatabase sis) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, "POST SQL statements (separated by ;) as the request body\n");
                return;
            }
            String sql = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
            try {
                SisDatabase.Edit edit = sis.update(sql);
                reply(
                        exchange,
                        200,
                        edit.rows() + (edit.rows() == 1 ? " row" : " rows") + " changed"
                                + (edit.statements() > 1 ? " by " + edit.statements() + " statements" : "")
                                + "\n");
            } catch (IllegalArgumentException rejected) {
                reply(exchange, 400, rejected.getMessage() + "\n");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
