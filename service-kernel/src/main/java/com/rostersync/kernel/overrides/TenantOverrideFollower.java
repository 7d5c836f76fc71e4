package com.rostersync.kernel.overrides;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import com.rostersync.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RESTART = Duration.ofSeconds(5);

    private final Map<String, Object> consumerConfig;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration catchUpDeadline;
    private final Map<String, TenantControlOverride> overrides = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread follower;

    public TenantOverrideFollower(
            Map<String, Object> consumerConfig, JsonMapper json, Clock clock, Duration catchUpDeadline) {
        this.consumerConfig = CompactedTopicReader.withoutGroup(consumerConfig);
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
        running = true;
        KafkaConsumer<String, byte[]> first = newConsumer();
        try {
            catchUp(first);
        } catch (RuntimeException failed) {
            first.close();
            running = false;
            throw failed;
        }
        follower = new Thread(() -> follow(first), "tenant-overrides");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (follower != null) {
            try {
                follower.join(RESTART.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void catchUp(KafkaConsumer<String, byte[]> reader) {
        Instant until = clock.instant().plus(catchUpDeadline);
        List<TopicPartition> partitions = reader.partitionsFor(Topics.TENANT_OVERRIDES, catchUpDeadline).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(reader.endOffsets(partitions, catchUpDeadline));
        end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        while (!end.isEmpty()) {
            if (clock.instant().isAfter(until)) {
                throw new IllegalStateException(
                        "could not read " + Topics.TENANT_OVERRIDES + " to the end within " + catchUpDeadline);
            }
            reader.poll(POLL).forEach(this::apply);
            end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        }
        log.info("Read {} tenant override(s) from {}", overrides.size(), Topics.TENANT_OVERRIDES);
    }

    /** Follows until stopped; a broker failure starts the topic over, which gives the same overrides again. */
    private void follow(KafkaConsumer<String, byte[]> reader) {
        KafkaConsumer<String, byte[]> current = reader;
        while (running) {
            consumer = current;
            try {
                if (!running) {
                    return;
                }
                while (running) {
                    current.poll(POLL).forEach(this::apply);
                }
            } catch (WakeupException stopping) {
                log.debug("Tenant override follower stopped");
            } catch (RuntimeException failed) {
                if (running) {
                    log.error("Tenant override follower failed, reading again in {}: {}", RESTART, failed.toString());
                    sleep();
                }
            } finally {
                consumer = null;
                current.close();
            }
            if (running) {
                current = newConsumer();
                try {
                    catchUp(current);
                } catch (RuntimeException failed) {
                    log.error("Tenant overrides could not be read again: {}", failed.toString());
                }
            }
        }
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

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-overrides-" + Long.toHexString(System.nanoTime()));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep() {
        try {
            Thread.sleep(RESTART.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
