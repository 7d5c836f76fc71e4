package com.rostersync.publisher.upload;

import java.util.List;
import java.util.Optional;

/**
 * The files a destination folder held after the last upload to it, and where that folder is ({@code location}: the
 * login and the directory). The next upload may leave a file of the same content in place instead of sending it
 * again, once the server shows it untouched since (see {@link AtomicSftpUploader}).
 */
public record Placement(String location, List<PlacedFile> files) {

    public Placement {
        files = List.copyOf(files);
    }

    public Optional<PlacedFile> file(String name) {
        return files.stream().filter(file -> file.name().equals(name)).findFirst();
    }
}
