package com.rostersync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpTestServerTest {

    @TempDir
    Path temp;

    @Test
    void keepsItsHostKeyAcrossRestarts() {
        Path hostKey = temp.resolve("host.key");
        String first;
        try (SftpTestServer server = SftpTestServer.start(temp.resolve("root"), hostKey)) {
            first = server.knownHostsLine().substring(server.knownHostsLine().indexOf(' '));
        }
        try (SftpTestServer server = SftpTestServer.start(temp.resolve("root"), hostKey)) {
            assertThat(server.knownHostsLine()).endsWith(first).startsWith("[127.0.0.1]:" + server.port());
        }
    }

    @Test
    void createsCleverStyleHomeForEachUser() {
        try (SftpTestServer server = SftpTestServer.start(temp.resolve("root"), temp.resolve("host.key"))) {
            server.withPasswordUser("maple", "secret");
            assertThat(Files.isDirectory(server.homeOf("maple").resolve("oneroster11")))
                    .isTrue();
            assertThat(server.homeOf("maple")).isEqualTo(temp.resolve("root/maple/home/maple"));
        }
    }
}
