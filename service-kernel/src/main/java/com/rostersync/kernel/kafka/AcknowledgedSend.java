package com.rostersync.kernel.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, for a bounded time, until the broker acknowledged what was sent: for writes the caller acts on only once they
 * are durable (an audit entry before its command, a state entry before the offset that caused it).
 */
public final class AcknowledgedSend {

    private AcknowledgedSend() {}

    /** @throws NotAcknowledgedException when a send failed, timed out or the wait was interrupted */
    public static void await(CompletableFuture<?> sent, Duration timeout, String what) {
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted while sending " + what, interrupted);
        } catch (ExecutionException failed) {
            throw new NotAcknowledgedException(
                    "could not send " + what + ": " + failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException late) {
            throw new NotAcknowledgedException("broker did not acknowledge " + what + " within " + timeout, late);
        }
    }

    /** Waits for all of them within one shared {@code timeout}. */
    public static void awaitAll(Collection<? extends CompletableFuture<?>> sent, Duration timeout, String what) {
        await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), timeout, what);
    }

    /** The broker did not acknowledge a send in time; whatever depends on it must not advance. */
    public static final class NotAcknowledgedException extends IllegalStateException {
        NotAcknowledgedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
