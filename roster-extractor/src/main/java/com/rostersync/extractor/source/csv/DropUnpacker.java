package com.rostersync.extractor.source.csv;

import com.rostersync.events.outcome.FileFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A drop is plain files or one zip of them. A zip's entries are taken by their base name (zips made on a
 * desktop often wrap the files in a folder); a zip that cannot be opened is a failed file, which leaves every type
 * carried forward.
 */
final class DropUnpacker {

    private static final long MAX_ENTRY_BYTES = 2L * 1024 * 1024 * 1024 - 16;

    private DropUnpacker() {}

    record Unpacked(Map<String, byte[]> files, List<FileFailure> failures) {}

    static Unpacked unpack(Map<String, byte[]> drop) {
        List<String> zips = drop.keySet().stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".zip"))
                .toList();
        if (zips.isEmpty()) {
            return new Unpacked(drop, List.of());
        }
        List<FileFailure> failures = new ArrayList<>();
        if (zips.size() > 1) {
            zips.forEach(zip -> failures.add(new FileFailure(
                    zip, 0, null, "the drop holds " + zips.size() + " zips; only one zip per drop can be read")));
            return new Unpacked(Map.of(), failures);
        }
        String zip = zips.get(0);
        Map<String, byte[]> files = new TreeMap<>();
        drop.forEach((name, content) -> {
            if (!name.equals(zip)) {
                failures.add(new FileFailure(name, 0, null, "file beside the zip is ignored; the zip is the drop"));
            }
        });
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(drop.get(zip)))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = in.getNextEntry()) != null) {
                any = true;
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (name.isEmpty() || name.startsWith(".") || entry.getName().startsWith("__MACOSX/")) {
                    continue;
                }
                files.put(name, in.readNBytes((int) Math.min(MAX_ENTRY_BYTES, Integer.MAX_VALUE - 16)));
            }
            if (!any) {
                failures.add(new FileFailure(zip, 0, null, "not a zip file, or an empty one"));
            }
        } catch (IOException | IllegalArgumentException broken) {
            failures.add(new FileFailure(zip, 0, null, "not a valid zip file"));
            return new Unpacked(Map.of(), failures);
        }
        return new Unpacked(files, failures);
    }
}
