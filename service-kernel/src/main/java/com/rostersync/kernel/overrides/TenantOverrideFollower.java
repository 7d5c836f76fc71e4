package com.rostersync.kernel.overrides;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.kernel.kafka.TopicFollower;
import com.rostersync.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' current override per tenant, followed on every partition of {@link Topics#TENANT_OVERRIDES} from its
 * start without a consumer group, so every instance of every service that asks sees every tenant's override. Starts
 * before the Kafka listeners and reads the topic to its end first: a tenant overridden to a dry run must not get one
 * upload from a freshly started publisher that has not read its override yet.
 */
public final class TenantOverrideFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenantOverrideFollower.class);
    private final TopicFollower follower;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration catchUpDeadline;
    private final Map<String, TenantControlOverride> overrides = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public TenantOverrideFollower(
            Map<String, Object> consumerConfig, JsonMapper json, Clock clock, Duration catchUpDeadline) {
        this.follower =
                new TopicFollower("tenant-overrides", consumerConfig, List.of(Topics.TENANT_OVERRIDES), this::apply);
        this.json = json;
        this.clock = clock;
        this.catchUpDeadline = catchUpDeadline;
    }

    /** The registry as operators override it now. */
    public TenantRegistry applyTo(TenantRegistry registry) {
        return ControlOverrides.apply(registry, Map.copyOf(overrides), clock.instant());
    }

    public Optional<TenantControlOverride> current(String tenantId) {
        return Optional.ofNullable(overrides.get(tenantId));
    }

    /** Runs after each override that changed (on the follower's thread). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public int getPhase() {
        // Before the listener containers (DEFAULT_PHASE - 100) start handing the service work.
        return 0;
    }

    @Override
    public void start() {
        follower.startAfterReadingToTheEnd(catchUpDeadline);
        log.info("Read {} tenant override(s) from {}", overrides.size(), Topics.TENANT_OVERRIDES);
    }

    @Override
    public void stop() {
        follower.stop();
    }

    @Override
    public boolean isRunning() {
        return follower.isRunning();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String tenantId = record.key();
        if (tenantId == null) {
            return;
        }
        TenantControlOverride before;
        if (record.value() == null) {
            before = overrides.remove(tenantId);
            if (before == null) {
                return;
            }
        } else {
            Optional<TenantControlOverride> read = read(record);
            if (read.isEmpty()) {
                return;
            }
            before = overrides.put(tenantId, read.get());
            if (read.get().equals(before)) {
                return;
            }
        }
        log.info("Tenant {}: operator override {}", tenantId, record.value() == null ? "cleared" : "set");
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException failed) {
                log.error("A listener of tenant overrides failed: {}", failed.toString());
            }
        }
    }

    /** An override this build cannot read is skipped with where it lies; the tenant keeps its last readable one. */
    private Optional<TenantControlOverride> read(ConsumerRecord<String, byte[]> record) {
        String where = SchemaVersion.where(record.topic(), record.partition(), record.offset());
        try {
            TenantControlOverride override = json.readValue(record.value(), TenantControlOverride.class);
            SchemaVersion.check(override.schemaVersion(), override.schemaMinor(), where);
            return Optional.of(override);
        } catch (RuntimeException unreadable) {
            log.warn(
                    "Skipped an unreadable tenant override at {}: {}",
                    where,
                    unreadable.getClass().getName());
            return Optional.empty();
        }
    }
}
