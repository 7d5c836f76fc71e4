package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.localstack.ArchivedMails.Mail;
import com.rostersync.localstack.sis.SisDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on a state folder, killed with SIGKILL right after an SIS change (while that change is on its way through
 * the pipeline) and started again on the same folder: the change and one made while it was down arrive, unchanged
 * files are not uploaded again, no mail is sent twice, the open deletion hold stays held, and the files are
 * byte-equal to those of a fresh full run on the same SIS.
 */
class StateFolderRestartEndToEndTest {

    private static final Duration STARTUP = Duration.ofSeconds(150);
    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final Duration RESUME = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final List<String> ACCOUNTS = List.of("maple-clever", "riverside-hs", "riverside-es", "stanne");
    /** Riverside Elementary's students are deleted at once: far beyond its 10% threshold, so they are held. */
    private static final String HELD_ACCOUNT = "riverside-es";

    private static final String HOLD_INCIDENT = "MAP/riverside/RES/THRESHOLD";
    private static final String HOLD = "delete from demographics where person_id like 'RES-S%';"
            + " delete from enrollments where person_id like 'RES-S%';"
            + " delete from person_schools where person_id like 'RES-S%';"
            + " delete from people where person_id like 'RES-S%'";
    private static final List<String> UNTOUCHED = List.of("riverside-hs", "riverside-es", "stanne");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<PlatformProcess> running = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopEveryPlatform() {
        running.forEach(PlatformProcess::kill);
    }

    @Test
    void aPlatformKilledMidCycleResumesFromItsStateFolderWithNothingLostOrRepeated() throws Exception {
        Path state = dir.resolve("state");
        PlatformProcess first = started(PlatformProcess.start(dir.resolve("first.out"), STARTUP, arguments(state)));
        await("every account's first upload")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> ACCOUNTS.stream().allMatch(account -> Files.isRegularFile(manifest(state, account))));
        post(first, HOLD);
        await("the hold's mail").atMost(PIPELINE).pollInterval(POLL).until(() -> mails(state).stream()
                .anyMatch(mail -> mail.text().contains(HOLD_INCIDENT)));
        assertThat(read(state, HELD_ACCOUNT, "users.csv")).contains("RES-S0001");
        Map<String, Object> untouchedBefore = identities(state);

        post(first, "update people set family_name = 'Okafor-Lee' where person_id = 'MHS-S0003'");
        first.kill();
        new SisDatabase(state.resolve("sis"), secret(state, TenantFile.SIS_PASSWORD_REF))
                .update("update people set given_name = 'Zoe-Ann' where person_id = 'MMS-S0001'");
        List<Mail> mailsBeforeRestart = mails(state);

        // A fresh full run reads a copy of the same SIS (and its password), with nothing else kept.
        Path fresh = dir.resolve("fresh");
        copyFolder(state.resolve("sis"), fresh.resolve("sis"));
        copyFolder(state.resolve("secrets"), fresh.resolve("secrets"));
        PlatformProcess second = started(PlatformProcess.launch(dir.resolve("second.out"), arguments(state)));
        PlatformProcess reference = started(PlatformProcess.launch(dir.resolve("fresh.out"), arguments(fresh)));
        second.awaitRunning(STARTUP);
        reference.awaitRunning(STARTUP);

        try {
            // Both restarted platforms read their whole SIS first (on a loaded machine, the slowest step here).
            await("both changes in the restarted platform's users.csv")
                    .atMost(RESUME)
                    .pollInterval(POLL)
                    .until(() -> read(state, "maple-clever", "users.csv").contains("Okafor-Lee")
                            && read(state, "maple-clever", "users.csv").contains("Zoe-Ann"));
        } catch (ConditionTimeoutException e) {
            String users = read(state, "maple-clever", "users.csv");
            throw new AssertionError(
                    "after the restart, users.csv has Okafor-Lee: " + users.contains("Okafor-Lee") + ", Zoe-Ann: "
                            + users.contains("Zoe-Ann") + "; warnings and errors of the log:\n"
                            + problems(state.resolve("logs").resolve("local-stack.log")),
                    e);
        }
        await("the fresh run's files equal to the restarted platform's")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> files(fresh, "maple-clever").equals(files(state, "maple-clever"))
                        && files(fresh, "riverside-hs").equals(files(state, "riverside-hs"))
                        && files(fresh, "stanne").equals(files(state, "stanne")));

        assertThat(identities(state))
                .as("files of accounts without a change keep their inode and modification time")
                .isEqualTo(untouchedBefore);
        assertThat(read(state, HELD_ACCOUNT, "users.csv"))
                .as("the held deletions are still held")
                .contains("RES-S0001");
        assertThat(read(fresh, HELD_ACCOUNT, "users.csv"))
                .as("a fresh run has nothing to hold")
                .doesNotContain("RES-S0001");
        assertThat(openIncidents(second, state)).contains(HOLD_INCIDENT);
        assertThat(mails(state))
                .as("no mail sent again after the restart")
                .containsExactlyElementsOf(mailsBeforeRestart);

        // Ctrl-C: the launcher stops the services, the servers and the broker in order, and exits.
        assertThat(second.stop()).as(second.console()).isTrue();
        assertThat(second.console()).contains("Stopping the local stack...").doesNotContain("while stopping");
        assertThat(state.resolve("kafka").resolve("data").resolve("meta.properties"))
                .isRegularFile();
    }

    private PlatformProcess started(PlatformProcess platform) {
        running.add(platform);
        return platform;
    }

    private static String[] arguments(Path state) {
        return new String[] {
            "--local.state=" + state,
            "--local.students-per-grade=1",
            "--local.sync-interval=1s",
            "--local.demo-port=0",
            "--local.ports.extractor=0",
            "--local.ports.mapper=0",
            "--local.ports.publisher=0",
            "--local.ports.monitor=0"
        };
    }

    private void post(PlatformProcess platform, String sql) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.demoPort() + "/demo/sql"))
                        .POST(HttpRequest.BodyPublishers.ofString(sql))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String openIncidents(PlatformProcess platform, Path state) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + platform.portOf(LocalPlatform.MONITOR) + "/api/incidents"))
                        .header("Authorization", "Bearer " + secret(state, LocalPlatform.API_TOKEN_FILE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static Path folder(Path state, String account) {
        return state.resolve("sftp").resolve(account).resolve("oneroster11");
    }

    private static Path manifest(Path state, String account) {
        return folder(state, account).resolve("manifest.csv");
    }

    private static String read(Path state, String account, String file) {
        try {
            return Files.readString(folder(state, account).resolve(file));
        } catch (IOException notYetThere) {
            return "";
        }
    }

    /** Every uploaded file of an account, by name, as text (the files are UTF-8 CSV). */
    private static Map<String, String> files(Path state, String account) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder(state, account))) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** Inode and modification time of the untouched accounts' files: an upload replaces the file (new inode). */
    private static Map<String, Object> identities(Path state) throws IOException {
        Map<String, Object> identities = new TreeMap<>();
        for (String account : UNTOUCHED) {
            try (Stream<Path> list = Files.list(folder(state, account))) {
                for (Path file : list.toList()) {
                    identities.put(
                            account + "/" + file.getFileName(),
                            Files.getAttribute(file, "unix:ino") + "@" + Files.getLastModifiedTime(file));
                }
            }
        }
        return identities;
    }

    /** The last WARN and ERROR lines of the stack's log, for a failure's message. */
    private static String problems(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> problems = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .toList();
            return String.join("\n", problems.subList(Math.max(0, problems.size() - 40), problems.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static List<Mail> mails(Path state) throws Exception {
        return ArchivedMails.in(state.resolve("mail"));
    }

    private static String secret(Path state, String name) throws IOException {
        return Files.readString(state.resolve("secrets").resolve(name)).strip();
    }

    private static void copyFolder(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
