package com.rostersync.extractor.source.csv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Keeps a drop caught in the middle of its writing from being read as whole. A changed drop whose newest file is
 * younger than the settle time is listed again once that file is settle-old (waiting at most the settle time, so a
 * clock ahead of ours cannot hold a drop back), a changed drop listing an empty file once the settle time has passed,
 * and a listing that moved in the meantime, or a file whose bytes do not match its listed size, is a drop still being
 * written. A writer that pauses longer than the settle time cannot be told from a finished one: districts write each
 * file under another name and rename it into place.
 */
final class WriteGuard {

    private final Duration settle;
    private final Clock clock;

    WriteGuard(Duration settle, Clock clock) {
        this.settle = settle;
        this.clock = clock;
    }

    /**
     * How long to wait before listing the drop again; zero when every file is already settle-old and none is empty. A
     * file listed empty waits the whole settle time: a file truncated in place can be listed with its new size, zero,
     * a moment before its time moves, so its time says nothing yet.
     */
    Duration waitBeforeReading(Iterable<Instant> modified, boolean anyFileEmpty) {
        if (anyFileEmpty) {
            return settle;
        }
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Instant time : modified) {
            Duration age = Duration.between(time, now);
            Duration left = age.isNegative() ? settle : settle.minus(age);
            if (left.compareTo(wait) > 0) {
                wait = left;
            }
        }
        return wait;
    }

    /** Sleeps {@code wait}; an interrupted wait (the cycle stopped) ends the fetch. */
    static void pause(Duration wait) throws InterruptedException {
        if (!wait.isZero() && !wait.isNegative()) {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        }
    }

    /** Fails when a file's bytes read differ in length from its listed size. */
    static void requireWhole(String tenantId, String location, Map<String, byte[]> files, Map<String, Long> listedSizes)
            throws DropBeingWritten {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Long size = listedSizes.get(file.getKey());
            if (size != null && size != file.getValue().length) {
                throw new DropBeingWritten(tenantId, location, file.getKey());
            }
        }
    }

    /** Fails when a file came, went or changed size or time between two listings of the drop. */
    static void requireUnmoved(String tenantId, String location, String before, String after) throws DropBeingWritten {
        String changed = DropListing.firstChangedName(before, after);
        if (changed != null) {
            throw new DropBeingWritten(tenantId, location, changed);
        }
    }
}
