package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.rostersync.testsupport.SftpTestServer;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform started the way an operator follows the README with their own tenants: a tenants file, a secrets folder
 * and a state folder of their own, an SMTP server of their own. A CSV-drop tenant's files land on its SFTP account,
 * a destination whose password is refused mails the tenant's leader through that SMTP server, and nothing of the demo
 * starts.
 */
class OwnTenantsEndToEndTest {

    private static final List<String> DROP_FILES = List.of(
            "manifest.csv",
            "orgs.csv",
            "academicSessions.csv",
            "courses.csv",
            "classes.csv",
            "users.csv",
            "enrollments.csv");
    private static final String LEADER = "lead@lakeside.example.org";

    @TempDir
    Path dir;

    private SftpTestServer clever;
    private GreenMail smtp;
    private LocalPlatform platform;

    @AfterEach
    void stopEverything() {
        if (platform != null) {
            platform.close();
        }
        if (clever != null) {
            clever.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theOperatorsTenantsFileSecretsAndSmtpServerRunWithoutTheDemo() throws Exception {
        clever = SftpTestServer.start(dir.resolve("clever"), dir.resolve("clever-host-key.ser"))
                .withPasswordUser("lakeside-clever", "s3cret-upload")
                .withPasswordUser("lakeside-locked", "the-real-one");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Path drop = Files.createDirectories(dir.resolve("drop"));
        for (String file : DROP_FILES) {
            Files.write(drop.resolve(file), resource(file));
        }
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("LAKESIDE_SFTP_PASSWORD"), "s3cret-upload\n");
        Files.writeString(secrets.resolve("LAKESIDE_LOCKED_PASSWORD"), "not-the-password\n");
        Path tenants = dir.resolve("tenants.yml");
        Files.writeString(
                tenants,
                """
                tenants:
                  - id: lakeside
                    mode: live
                    name: "Lakeside"
                    schoolIds: ["SA"]
                    syncInterval: 1s
                    source:
                      type: CSV_DROP
                      csvDrop:
                        folder: "%s"
                    destinations:
                      - id: lakeside-sftp
                        host: 127.0.0.1
                        port: %d
                        username: lakeside-clever
                        passwordRef: LAKESIDE_SFTP_PASSWORD
                        knownHosts: "%s"
                      - id: lakeside-locked
                        host: 127.0.0.1
                        port: %d
                        username: lakeside-locked
                        passwordRef: LAKESIDE_LOCKED_PASSWORD
                        knownHosts: "%s"
                    leaders: ["%s"]
                """
                        .formatted(
                                drop,
                                clever.port(),
                                clever.knownHostsLine(),
                                clever.port(),
                                clever.knownHostsLine(),
                                LEADER));
        Path state = dir.resolve("state");

        platform = LocalPlatform.start(PlatformSettings.fromArguments(
                "--local.tenants=" + tenants,
                "--local.secrets=" + secrets,
                "--local.state=" + state,
                "--local.smtp=127.0.0.1:" + smtp.getSmtp().getPort(),
                "--local.ports.extractor=0",
                "--local.ports.mapper=0",
                "--local.ports.publisher=0",
                "--local.ports.monitor=0"));

        Path uploaded = clever.homeOf("lakeside-clever").resolve("oneroster11");
        await("the drop's files on the operator's SFTP account")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Files.isRegularFile(uploaded.resolve("manifest.csv"))
                        && Files.isRegularFile(uploaded.resolve("users.csv")));
        assertThat(Files.readString(uploaded.resolve("users.csv"))).contains("U1,", "U2,", "U3,");
        MimeMessage mail = await("the refused destination's mail through the operator's SMTP server")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> smtp.getReceivedMessages(), received -> received.length > 0)[0];
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
                .containsExactly(LEADER);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        assertThat(raw.toString(StandardCharsets.UTF_8)).contains("lakeside-locked");

        assertThat(platform.tenantsFile()).isEqualTo(tenants.toAbsolutePath());
        assertThat(platform.sis()).isNull();
        assertThat(platform.sftp()).isNull();
        assertThat(state.resolve("kafka").resolve("data").resolve("meta.properties"))
                .isRegularFile();
        assertThat(state.resolve("logs").resolve("local-stack.log")).isRegularFile();
        assertThat(state).isDirectoryNotContaining(path -> List.of("mail", "sis", "sftp", "secrets", "tenants.yml")
                .contains(path.getFileName().toString()));
        assertThat(Files.readString(secrets.resolve("LAKESIDE_SFTP_PASSWORD"))).isEqualTo("s3cret-upload\n");
    }

    private static byte[] resource(String name) {
        try (InputStream in = OwnTenantsEndToEndTest.class.getResourceAsStream("/e2e/drop/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
