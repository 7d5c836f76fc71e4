package com.rostersync.publisher.upload;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.OneRosterFile;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.tenants.DestinationAccount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.springframework.integration.file.remote.session.Session;
import org.springframework.integration.sftp.session.SftpRemoteFileTemplate;

/**
 * Puts a complete file set into a destination folder so that a reader never sees a partial file, and sees the new
 * set only once every file of it has arrived whole.
 *
 * <p>What SFTP gives: a rename of one file is atomic on the server (SFTP v5+ rename with ATOMIC|OVERWRITE, or
 * OpenSSH's posix-rename extension, both a POSIX rename(2)); there is no atomic rename of several files. So this
 * class (1) removes temporary files a crashed upload left behind, (2) writes every file under
 * {@code <name><temporarySuffix>} and checks each size, touching nothing live, (3) only then renames the data files
 * into place, {@code manifest.csv} last, so the manifest's arrival marks a complete set, and (4) checks every final
 * size. A failure before step (3) leaves the previous set untouched; the renames of step (3) take milliseconds and
 * move no data, which is the only window where a reader could see new data files beside the old manifest.
 *
 * <p>A data file whose content equals the one the last upload put in place is left there, not sent again, when the
 * server still shows it with the size and modification time it had right after that upload (the quick check rsync
 * makes); anything else about it (gone, touched, another folder or login) sends it. A 1% change rewrites
 * {@code users.csv} but not {@code enrollments.csv}, most of a district's bytes. The manifest is always sent.
 */
public final class AtomicSftpUploader implements DestinationUploader {

    private static final String MANIFEST = OneRosterFile.MANIFEST.fileName();

    private final SftpSessionFactories sessionFactories;
    private final String temporarySuffix;

    public AtomicSftpUploader(SftpSessionFactories sessionFactories, String temporarySuffix) {
        this.sessionFactories = sessionFactories;
        this.temporarySuffix = temporarySuffix;
    }

    @Override
    public boolean credentialsChangedSinceLastAttempt(DestinationAccount destination) {
        return sessionFactories.credentialsChanged(destination);
    }

    @Override
    public UploadReceipt upload(DestinationAccount destination, MergedFileSet fileSet) throws UploadFailure {
        return upload(destination, fileSet, null);
    }

    @Override
    public UploadReceipt upload(DestinationAccount destination, MergedFileSet fileSet, Placement placed)
            throws UploadFailure {
        AtomicReference<String> currentFile = new AtomicReference<>();
        SftpRemoteFileTemplate template;
        try {
            template = new SftpRemoteFileTemplate(sessionFactories.forDestination(destination));
        } catch (IllegalStateException missingSecret) {
            throw new UploadFailure(
                    OutcomeReason.DESTINATION_CREDENTIALS,
                    null,
                    "destination " + destination.id() + " (" + login(destination) + "): " + missingSecret.getMessage(),
                    missingSecret);
        }
        try {
            String location = location(destination);
            Placement previous = placed != null && placed.location().equals(location) ? placed : null;
            return template.execute(
                    session -> uploadAll(session, directory(destination), location, fileSet, previous, currentFile));
        } catch (RuntimeException failure) {
            sessionFactories.reset(destination);
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof UploadFailure known) {
                    throw known;
                }
            }
            Throwable cause = failure;
            OutcomeReason reason = FailureClassifier.classify(cause);
            String file = reason == OutcomeReason.FILE_FAILED
                            || reason == OutcomeReason.PERMISSION_DENIED
                            || reason == OutcomeReason.DISK_FULL
                    ? currentFile.get()
                    : null;
            throw new UploadFailure(reason, file, describe(destination, file, cause), cause);
        } finally {
            sessionFactories.released(destination);
        }
    }

    private UploadReceipt uploadAll(
            Session<SftpClient.DirEntry> session,
            String directory,
            String location,
            MergedFileSet fileSet,
            Placement previous,
            AtomicReference<String> currentFile)
            throws IOException {
        SftpClient client = (SftpClient) session.getClientInstance();
        ensureDirectory(session, directory);
        removeLeftoverTemporaryFiles(session, directory);
        List<PlacedFile> kept = new ArrayList<>();
        List<SnapshotFile> sent = new ArrayList<>();
        long bytes = 0;
        for (SnapshotFile file : manifestLast(fileSet.files())) {
            currentFile.set(file.name());
            Optional<PlacedFile> unchanged = stillInPlace(client, directory, fileSet, file.name(), previous);
            if (unchanged.isPresent()) {
                kept.add(unchanged.get());
                continue;
            }
            byte[] content = fileSet.bytes(file.name());
            session.write(new ByteArrayInputStream(content), temporary(directory, file.name()));
            verifySize(client, temporary(directory, file.name()), file.name(), content.length);
            sent.add(file);
            bytes += content.length;
        }
        for (SnapshotFile file : sent) {
            currentFile.set(file.name());
            rename(session, temporary(directory, file.name()), directory + "/" + file.name());
        }
        List<PlacedFile> placed = new ArrayList<>(kept);
        for (SnapshotFile file : sent) {
            currentFile.set(file.name());
            byte[] content = fileSet.bytes(file.name());
            SftpClient.Attributes attributes =
                    verifySize(client, directory + "/" + file.name(), file.name(), content.length);
            placed.add(new PlacedFile(
                    file.name(),
                    content.length,
                    fileSet.sha256(file.name()),
                    attributes.getModifyTime() == null
                            ? null
                            : attributes.getModifyTime().toInstant()));
        }
        currentFile.set(null);
        return new UploadReceipt(sent.size(), bytes, kept.size(), new Placement(location, placed));
    }

    /** The last upload's file of that name, when its content is this one's and the server shows it untouched. */
    private static Optional<PlacedFile> stillInPlace(
            SftpClient client, String directory, MergedFileSet fileSet, String name, Placement previous)
            throws IOException {
        if (previous == null || name.equals(MANIFEST)) {
            return Optional.empty();
        }
        Optional<PlacedFile> before = previous.file(name)
                .filter(file ->
                        file.bytes() == fileSet.size(name) && file.sha256().equals(fileSet.sha256(name)));
        if (before.isEmpty()) {
            return before;
        }
        SftpClient.Attributes now;
        try {
            now = client.stat(directory + "/" + name);
        } catch (SftpException gone) {
            if (gone.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw gone;
        }
        boolean untouched = now.isRegularFile()
                && now.getSize() == before.get().bytes()
                && now.getModifyTime() != null
                && now.getModifyTime().toInstant().equals(before.get().modifiedAt());
        return untouched ? before : Optional.empty();
    }

    private void removeLeftoverTemporaryFiles(Session<SftpClient.DirEntry> session, String directory)
            throws IOException {
        for (SftpClient.DirEntry entry : session.list(directory)) {
            if (entry.getFilename().endsWith(temporarySuffix)
                    && entry.getAttributes().isRegularFile()) {
                session.remove(directory + "/" + entry.getFilename());
            }
        }
    }

    private static void ensureDirectory(Session<SftpClient.DirEntry> session, String directory) throws IOException {
        if (session.exists(directory)) {
            return;
        }
        // A relative directory stays relative: it is below the login directory, whatever that is on the server.
        StringBuilder path = new StringBuilder(directory.startsWith("/") ? "/" : "");
        for (String part : directory.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (path.length() > 0 && path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
            path.append(part);
            if (!session.exists(path.toString())) {
                session.mkdir(path.toString());
            }
        }
    }

    /** One atomic, overwriting rename; the non-atomic remove-then-rename of SFTP v3 only as a last resort. */
    private static void rename(Session<SftpClient.DirEntry> session, String from, String to) throws IOException {
        SftpClient client = (SftpClient) session.getClientInstance();
        if (client.getVersion() >= 5) {
            try {
                client.rename(from, to, SftpClient.CopyMode.Atomic, SftpClient.CopyMode.Overwrite);
                return;
            } catch (SftpException unsupported) {
                if (unsupported.getStatus() != SftpConstants.SSH_FX_OP_UNSUPPORTED) {
                    throw unsupported;
                }
                // The server cannot promise atomicity; an overwriting rename is still a single rename(2) on POSIX.
                client.rename(from, to, SftpClient.CopyMode.Overwrite);
                return;
            }
        }
        OpenSSHPosixRenameExtension posixRename = client.getExtension(OpenSSHPosixRenameExtension.class);
        if (posixRename != null && posixRename.isSupported()) {
            posixRename.posixRename(from, to);
            return;
        }
        session.rename(from, to);
    }

    private static SftpClient.Attributes verifySize(SftpClient client, String path, String name, long expected)
            throws IOException {
        SftpClient.Attributes attributes = client.stat(path);
        long actual = attributes.getSize();
        if (actual != expected) {
            throw new UncheckedUploadFailure(new UploadFailure(
                    OutcomeReason.FILE_FAILED,
                    name,
                    name + ": server has " + actual + " bytes after the upload, " + expected + " were sent",
                    null));
        }
        return attributes;
    }

    private String temporary(String directory, String name) {
        return directory + "/" + name + temporarySuffix;
    }

    private static String directory(DestinationAccount destination) {
        String directory = destination.directory() == null
                ? DestinationAccount.defaultDirectory(destination.username())
                : destination.directory();
        return directory.length() > 1 && directory.endsWith("/")
                ? directory.substring(0, directory.length() - 1)
                : directory;
    }

    private static List<SnapshotFile> manifestLast(List<SnapshotFile> files) {
        return files.stream()
                .sorted(Comparator.comparing((SnapshotFile f) -> f.name().equals(MANIFEST)))
                .toList();
    }

    private static String describe(DestinationAccount destination, String file, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "destination " + destination.id() + " (" + login(destination) + ")"
                + (file != null ? " file " + file : "") + ": " + root.getClass().getSimpleName()
                + (root.getMessage() != null ? " " + root.getMessage() : "");
    }

    /** Where the files go: the login and the folder; a placement recorded for another one says nothing here. */
    private static String location(DestinationAccount destination) {
        return login(destination) + " " + directory(destination);
    }

    /**
     * The login as the leaders know it, {@code SFTP login <username>@<host>:<port>}: the username is the one to check
     * at the destination (Clever shows it), never the secret. The monitor reads it from the message in this form.
     */
    static String login(DestinationAccount destination) {
        return "SFTP login " + destination.username() + "@" + destination.host() + ":" + destination.port();
    }

    /** Carries a classified failure out of the session callback, which may only throw unchecked exceptions. */
    private static final class UncheckedUploadFailure extends RuntimeException {

        UncheckedUploadFailure(UploadFailure failure) {
            super(failure);
        }
    }
}
