package com.rostersync.extractor.source.csv;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailures;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;

/**
 * What an SFTP drop failure means for the district (seed rule "wrong credentials", on the drop side): MINA SSHD
 * ending authentication with "no more authentication methods" is the site refusing the login, SOURCE_CREDENTIALS;
 * anything else is the site being unavailable. Only this adapter knows MINA's exceptions.
 */
final class SftpDropFailures {

    private SftpDropFailures() {}

    static OutcomeReason classify(Throwable failure) {
        return isLoginRejected(failure) ? OutcomeReason.SOURCE_CREDENTIALS : OutcomeReason.SOURCE_UNAVAILABLE;
    }

    static String describe(Throwable failure) {
        if (isLoginRejected(failure)) {
            Throwable root = failure;
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                root = t;
            }
            return root.getClass().getSimpleName() + " (authentication rejected)";
        }
        return SourceFailures.describe(failure);
    }

    /** MINA's own signal that the server accepted none of the offered credentials (password or key). */
    static boolean isLoginRejected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SshException ssh
                    && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
