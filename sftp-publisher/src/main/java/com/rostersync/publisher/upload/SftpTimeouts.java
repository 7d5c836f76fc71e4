package com.rostersync.publisher.upload;

import java.time.Duration;

/**
 * Bounds on every wait of an upload, so that a server that accepts a connection and then says nothing can hold a
 * worker only this long: {@code connect} (TCP), {@code auth} (key exchange and login) and {@code transfer} (longest
 * silence allowed while a file moves or a command waits for its answer). {@code idle} is how long a cached session
 * stays open unused before we close it, quietly. Meanwhile it asks the server for a reply every {@link #keepAlive()},
 * so the SSH client's read timeout (the transfer timeout) never ends a session that only waits for its next upload,
 * and a server that stopped answering is noticed.
 */
public record SftpTimeouts(Duration connect, Duration auth, Duration transfer, Duration idle) {

    public SftpTimeouts {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the SFTP idle timeout (" + idle + ") must be positive");
        }
    }

    /** Idle sessions closed after half the transfer timeout. */
    public SftpTimeouts(Duration connect, Duration auth, Duration transfer) {
        this(connect, auth, transfer, transfer.dividedBy(2));
    }

    /** Half the transfer timeout: a reply comes well before the read timeout, even from a slow server. */
    public Duration keepAlive() {
        return transfer.dividedBy(2);
    }
}
