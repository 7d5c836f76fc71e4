package com.rostersync.extractor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the extractor ({@code rostersync.extractor.*}). Every remote call has a bound, so one hanging district
 * holds at most one pool thread for at most {@code cycleTimeout}.
 *
 * @param poolSize         tenant cycles that may run at once (bounded pool); unset, one per processor the JVM may
 *                         use, at least two and at most four ({@link #cyclesAtOnce})
 * @param queueCapacity    due cycles that may wait for a thread; beyond it a cycle is skipped until the next tick
 * @param tick             how often the scheduler looks again at every tenant (new tenants of the registry, overrunning
 *                         cycles, cycles a full queue refused); besides, it wakes when a tenant falls due, and at once
 *                         when one is asked to run soon or a cycle ends with its tenant due again
 * @param callTimeout      bound on each source call (connect, query, SFTP read) and each Kafka acknowledgement
 * @param cycleTimeout     a cycle still running after this is interrupted and reported SOURCE_UNAVAILABLE
 * @param stateReadTimeout deadline for rebuilding the hash state from its topic at start-up (retried after it)
 * @param repeatReportEvery a tenant's cycle outcome that repeats its last one (nothing published, the same reason,
 *                         and for a failure the same message) is reported at most this often; a change, a new
 *                         failure and a recovery at once
 * @param watchDrops       whether a folder drop's cycle starts as soon as its folder settled after a change, besides
 *                         its sync interval ({@code DropFolderWatcher})
 * @param dropSettle       how long a changed drop folder must stay still before its cycle is brought forward, and how
 *                         old a changed drop's newest file must be before any cycle reads it (folder or SFTP)
 * @param watchedDropInterval how often a folder drop is read when the watcher sees every change of its folder (a
 *                         local file system), or its sync interval if longer: its changes are read once they settle,
 *                         and this only guards against a missed one
 */
@Validated
@ConfigurationProperties("rostersync.extractor")
public record ExtractorProperties(
        @Min(1) @Max(256) Integer poolSize,
        @DefaultValue("1000") @Min(0) int queueCapacity,
        @DefaultValue("1s") @NotNull Duration tick,
        @DefaultValue("30s") @NotNull Duration callTimeout,
        @DefaultValue("10m") @NotNull Duration cycleTimeout,
        @DefaultValue("5m") @NotNull Duration stateReadTimeout,
        @DefaultValue("5m") @NotNull Duration repeatReportEvery,
        @DefaultValue("true") boolean watchDrops,
        @DefaultValue("1s") @NotNull Duration dropSettle,
        @DefaultValue("1m") @NotNull Duration watchedDropInterval) {

    /**
     * How many tenant cycles run at once. A cycle holds its tenant's whole read and is mostly work for a processor: on
     * two cores, four at a time held four districts' records, and a quarter of the extractor's CPU went to collecting
     * them (docs/benchmarks.md, runs B3 and B4). At most four unless set, as before: each cycle in flight is a
     * district's records in the heap, whatever the number of cores. A source that mostly waits may want more.
     */
    public int cyclesAtOnce() {
        return poolSize != null ? poolSize : cyclesAtOnce(Runtime.getRuntime().availableProcessors());
    }

    static int cyclesAtOnce(int processors) {
        return Math.min(4, Math.max(2, processors));
    }
}
