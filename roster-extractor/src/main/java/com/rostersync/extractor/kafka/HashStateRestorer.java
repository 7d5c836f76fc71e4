package com.rostersync.extractor.kafka;

import com.rostersync.events.EntityType;
import com.rostersync.events.Topics;
import com.rostersync.extractor.change.HashState;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the in-memory hashes from the compacted state topic, read from the beginning to the end offsets taken at
 * start. A tenant's cycles start only after its hashes were read, so a restart neither re-publishes every record nor forgets a record
 * that was deleted from the source while the extractor was down (state survives restarts and a lost disk). An entry
 * whose key has not the shape {@code tenant/school/TYPE/sourcedId} is skipped by the reader's per-entry policy.
 */
public final class HashStateRestorer {

    private static final Logger log = LoggerFactory.getLogger(HashStateRestorer.class);

    private final CompactedTopicReader reader;
    private final Duration deadline;

    public HashStateRestorer(CompactedTopicReader reader, Duration deadline) {
        this.reader = reader;
        this.deadline = deadline;
    }

    /** Reads the whole topic into {@code state}; returns the number of live records. */
    public long restore(HashState state) {
        return restore(state, tenantId -> true);
    }

    /**
     * Replaces what {@code state} holds of the matching tenants with what the topic holds of them now (the topic is
     * keyed by record, so the whole topic is read); returns the number of records in {@code state}.
     */
    public long restore(HashState state, Predicate<String> tenants) {
        state.forgetTenants(tenants);
        CompactedTopicReader.Replay replay =
                reader.readToEnd(Topics.EXTRACTOR_STATE, deadline, (key, value) -> apply(state, tenants, key, value));
        log.info(
                "Hash state restored from {}: {} records, {} entries read, {} skipped",
                Topics.EXTRACTOR_STATE,
                state.size(),
                replay.applied(),
                replay.skipped());
        return state.size();
    }

    /** One entry of the topic: key {@code tenant/school/TYPE/sourcedId}, value the content hash, or none when deleted. */
    static void apply(HashState state, Predicate<String> tenants, String key, byte[] value) {
        String[] parts = key.split("/", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("state key without tenant/school/type/sourcedId");
        }
        if (!tenants.test(parts[0])) {
            return;
        }
        EntityType type = EntityType.valueOf(parts[2]);
        if (value == null) {
            state.remove(parts[0], parts[1], type, parts[3]);
        } else {
            state.put(parts[0], parts[1], type, parts[3], new String(value, StandardCharsets.UTF_8));
        }
    }
}
