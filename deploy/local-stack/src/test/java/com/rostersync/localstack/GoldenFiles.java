package com.rostersync.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.ClassPathResource;

/** The fixture school's expected OneRoster files, and the files the platform wrote, for the end-to-end tests. */
final class GoldenFiles {

    private GoldenFiles() {}

    /** An expected file with CRLF line ends, as the OneRoster writer produces them. */
    static String expected(String file) {
        try (var in = new ClassPathResource("e2e/expected/" + file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n")
                    .replace("\n", "\r\n");
        } catch (IOException e) {
            throw new AssertionError("missing expected file " + file, e);
        }
    }

    /** A file the platform writes (an upload, a mail, a log); empty while it is not there yet, so tests can poll it. */
    static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
