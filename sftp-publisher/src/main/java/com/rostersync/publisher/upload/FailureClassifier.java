package com.rostersync.publisher.upload;

import com.rostersync.events.outcome.OutcomeReason;
import java.io.StreamCorruptedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.security.GeneralSecurityException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Turns what MINA SSHD and Spring Integration throw into an outcome reason. Authentication refused is never retried
 * (a retry storm locks accounts); an unknown host key means nothing was sent; anything about the connection itself
 * (refused, timed out, dropped) is DESTINATION_UNAVAILABLE and worth retrying.
 */
final class FailureClassifier {

    private FailureClassifier() {}

    static OutcomeReason classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SftpException sftp) {
                return switch (sftp.getStatus()) {
                    case SftpConstants.SSH_FX_PERMISSION_DENIED, SftpConstants.SSH_FX_WRITE_PROTECT ->
                        OutcomeReason.PERMISSION_DENIED;
                    case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED ->
                        OutcomeReason.DISK_FULL;
                    case SftpConstants.SSH_FX_CONNECTION_LOST, SftpConstants.SSH_FX_NO_CONNECTION ->
                        OutcomeReason.DESTINATION_UNAVAILABLE;
                    default -> byMessage(sftp.getMessage(), OutcomeReason.FILE_FAILED);
                };
            }
            if (cause instanceof AccessDeniedException) {
                return OutcomeReason.PERMISSION_DENIED;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (message.contains("Server key did not validate") || message.contains("host key")) {
                return OutcomeReason.HOST_KEY_MISMATCH;
            }
            if (cause instanceof StreamCorruptedException
                    || cause instanceof GeneralSecurityException
                    || message.toLowerCase(java.util.Locale.ROOT).contains("private key")) {
                // The private key cannot be read: a wrong passphrase or a damaged key secret.
                return OutcomeReason.DESTINATION_CREDENTIALS;
            }
            if (cause instanceof SshException ssh
                    && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                // MINA's own signal that the server accepted none of the offered credentials.
                return OutcomeReason.DESTINATION_CREDENTIALS;
            }
            if (cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return OutcomeReason.DESTINATION_UNAVAILABLE;
            }
        }
        return OutcomeReason.DESTINATION_UNAVAILABLE;
    }

    private static OutcomeReason byMessage(String message, OutcomeReason otherwise) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (text.contains("no space") || text.contains("quota")) {
            return OutcomeReason.DISK_FULL;
        }
        if (text.contains("permission denied") || text.contains("read-only") || text.contains("access denied")) {
            return OutcomeReason.PERMISSION_DENIED;
        }
        return otherwise;
    }
}
