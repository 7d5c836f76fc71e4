package com.rostersync.publisher.upload;

import java.time.Duration;

/**
 * Bounds on every wait of an upload, so that a server that accepts a connection and then says nothing can hold a
 * worker only this long: {@code connect} (TCP), {@code auth} (key exchange and login) and {@code transfer} (longest
 * silence allowed while a file moves or a command waits for its answer).
 */
public record SftpTimeouts(Duration connect, Duration auth, Duration transfer) {}
