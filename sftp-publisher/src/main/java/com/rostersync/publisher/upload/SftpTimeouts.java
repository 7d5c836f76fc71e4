package com.rostersync.publisher.upload;

import java.time.Duration;

/**
 * Bounds on every wait of an upload, so that a server that accepts a connection and then says nothing can hold a
 * worker only this long: {@code connect} (TCP), {@code auth} (key exchange and login) and {@code transfer} (longest
 * silence allowed while a file moves or a command waits for its answer). {@code idle} is how long a cached session
 * stays open unused before we close it; it must be shorter than {@code transfer}, or the SSH client's own read
 * timeout would end the idle session first, as an error.
 */
public record SftpTimeouts(Duration connect, Duration auth, Duration transfer, Duration idle) {

    public SftpTimeouts {
        if (idle.compareTo(transfer) >= 0) {
            throw new IllegalArgumentException("the SFTP idle timeout (" + idle
                    + ") must be shorter than the transfer timeout (" + transfer + ")");
        }
    }

    /** Idle sessions closed after half the transfer timeout. */
    public SftpTimeouts(Duration connect, Duration auth, Duration transfer) {
        this(connect, auth, transfer, transfer.dividedBy(2));
    }
}
