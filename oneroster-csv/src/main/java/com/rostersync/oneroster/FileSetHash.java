package com.rostersync.oneroster;

import com.rostersync.events.snapshot.SnapshotFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The identity of a set of OneRoster files: equal hashes mean byte-identical files. Each file is named by the SHA-256
 * of its UTF-8 bytes, the set by the SHA-256 over every file's name and hash. The mapper uses it to emit a snapshot
 * only when content changed, the publisher to skip an upload the destination already has.
 */
public final class FileSetHash {

    private FileSetHash() {}

    /**
     * SHA-256 over every file's name and {@link SnapshotFile#contentHash() content hash}, in name order: the identity
     * of a set whose files each carry their own hash, known without reading their content again. The mapper names a
     * school's set this way, so a cycle that rebuilds one file need not load the others' text to hash the set.
     */
    public static String ofFileHashes(Collection<SnapshotFile> files) {
        TreeMap<String, String> hashes = new TreeMap<>();
        for (SnapshotFile file : files) {
            if (file.contentHash() == null) {
                throw new IllegalArgumentException(file.name() + " carries no content hash");
            }
            hashes.put(file.name(), file.contentHash());
        }
        MessageDigest digest = sha256();
        hashes.forEach((name, hash) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(hash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The file with its {@link #ofContent content hash}; as it is when it carries one already. */
    public static SnapshotFile withContentHash(SnapshotFile file) {
        return file.contentHash() != null
                ? file
                : new SnapshotFile(file.name(), file.content(), file.rows(), ofContent(file.content()));
    }

    /** SHA-256 of one file's content: how a snapshot names a file it does not carry (a school file record). */
    public static String ofContent(String content) {
        return ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #ofContent} of a file already encoded to UTF-8. */
    public static String ofBytes(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }
}
