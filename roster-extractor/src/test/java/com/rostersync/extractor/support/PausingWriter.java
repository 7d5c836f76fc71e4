package com.rostersync.extractor.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An export job writing a file in place a piece at a time, with a short pause before each piece, in its own thread. It
 * measures its own longest gap between two writes: on a loaded machine the thread itself can stall for longer than a
 * settle time, and such a writer cannot be told from a finished one by any fetcher (a test then has nothing to prove).
 */
public final class PausingWriter {

    private final Thread thread;
    private volatile long longestGapNanos;
    private volatile Exception failure;

    private PausingWriter(Path file, List<String> pieces, Duration pause, OpenOption... options) {
        this.thread = new Thread(() -> write(file, pieces, pause, options), "pausing-writer");
    }

    /** Opens {@code file} with {@code options} and writes {@code pieces}, pausing before each. */
    public static PausingWriter start(Path file, List<String> pieces, Duration pause, OpenOption... options) {
        PausingWriter writer = new PausingWriter(file, pieces, pause, options);
        writer.thread.start();
        return writer;
    }

    private void write(Path file, List<String> pieces, Duration pause, OpenOption... options) {
        // Counted from before the opening, which may truncate the file: a stall there leaves it empty.
        long last = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file, options)) {
            for (String piece : pieces) {
                Thread.sleep(pause.toMillis());
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                long now = System.nanoTime();
                longestGapNanos = Math.max(longestGapNanos, now - last);
                last = now;
            }
        } catch (IOException | InterruptedException stopped) {
            failure = stopped;
        }
    }

    public boolean isWriting() {
        return thread.isAlive();
    }

    /** Waits for the last piece; fails when the file could not be written. */
    public void join() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the writer stopped", failure);
        }
    }

    /** The longest time between two writes (the first counted from before the file was opened), once joined. */
    public Duration longestGap() {
        return Duration.ofNanos(longestGapNanos);
    }

    /** Whether every gap was short enough for a fetcher waiting {@code settle} to see the file move. */
    public boolean pausedWellWithin(Duration settle) {
        return longestGap().compareTo(settle.multipliedBy(3).dividedBy(4)) < 0;
    }
}
