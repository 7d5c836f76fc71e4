package com.rostersync.extractor.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The fixture OneRoster drop of St Anne (one school, 11 records), copied into a folder or zipped. */
public final class Drops {

    public static final List<String> GOOD_FILES = List.of(
            "manifest.csv",
            "orgs.csv",
            "academicSessions.csv",
            "courses.csv",
            "classes.csv",
            "users.csv",
            "enrollments.csv");

    private Drops() {}

    public static Path goodDropIn(Path folder) {
        try {
            Files.createDirectories(folder);
            for (String name : GOOD_FILES) {
                Files.write(folder.resolve(name), good(name));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same drop in the shape of the public OneRoster sample sets: {@code metadata.*} extension columns in orgs.csv
     * and users.csv, and a department and a state org beside the district and the school.
     */
    public static Path extendedDropIn(Path folder) {
        goodDropIn(folder);
        for (String name : List.of("orgs.csv", "users.csv")) {
            write(folder, name, new String(resource("/drops/extended/" + name), StandardCharsets.UTF_8));
        }
        return folder;
    }

    /** The header line of a good file, CRLF-terminated, with nothing after it. */
    public static String headerOnly(String name) {
        return new String(good(name), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElseThrow() + "\r\n";
    }

    public static byte[] good(String name) {
        return resource("/drops/good/" + name);
    }

    public static String goodText(String name) {
        return new String(good(name), StandardCharsets.UTF_8);
    }

    /** Writes the good {@code name} with every {@code from} replaced by {@code to}. */
    public static void writeEdited(Path folder, String name, String from, String to) {
        write(folder, name, goodText(name).replace(from, to));
    }

    private static byte[] resource(String path) {
        try (InputStream in = Drops.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path folder, String name, String content) {
        try {
            Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] zipOfGoodFiles(String folderInZip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : GOOD_FILES) {
                zip.putNextEntry(new ZipEntry(folderInZip + name));
                zip.write(good(name));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
