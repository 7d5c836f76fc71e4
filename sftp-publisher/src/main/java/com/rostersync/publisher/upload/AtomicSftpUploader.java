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
            return template.execute(session -> uploadAll(session, directory(destination), fileSet, currentFile));
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
            MergedFileSet fileSet,
            AtomicReference<String> currentFile)
            throws IOException {
        List<SnapshotFile> files = manifestLast(fileSet.files());
        SftpClient client = (SftpClient) session.getClientInstance();
        ensureDirectory(session, directory);
        removeLeftoverTemporaryFiles(session, directory);
        long bytes = 0;
        List<byte[]> contents = new ArrayList<>();
        for (SnapshotFile file : files) {
            currentFile.set(file.name());
            byte[] content = fileSet.bytes(file.name());
            contents.add(content);
            session.write(new ByteArrayInputStream(content), temporary(directory, file.name()));
            verifySize(client, temporary(directory, file.name()), file.name(), content.length);
            bytes += content.length;
        }
        for (SnapshotFile file : files) {
            currentFile.set(file.name());
            rename(session, temporary(directory, file.name()), directory + "/" + file.name());
        }
        for (int i = 0; i < files.size(); i++) {
            currentFile.set(files.get(i).name());
            verifySize(
                    client, directory + "/" + files.get(i).name(), files.get(i).name(), contents.get(i).length);
        }
        currentFile.set(null);
        return new UploadReceipt(files.size(), bytes);
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

    private static void verifySize(SftpClient client, String path, String name, long expected) throws IOException {
        long actual = client.stat(path).getSize();
        if (actual != expected) {
            throw new UncheckedUploadFailure(new UploadFailure(
                    OutcomeReason.FILE_FAILED,
                    name,
                    name + ": server has " + actual + " bytes after the upload, " + expected + " were sent",
                    null));
        }
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
