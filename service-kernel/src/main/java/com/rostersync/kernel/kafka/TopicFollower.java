package com.rostersync.kernel.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Follows every partition of some topics from their start, without a consumer group, on a thread of its own, and hands
 * each record to {@code onRecord}. Every instance of a service sees every record this way, which is what a view kept in
 * memory (operator overrides, the run history index) needs. A broker failure starts the topics over after a pause, so
 * {@code onRecord} sees records again and must take a record it has seen as a no-op.
 */
public final class TopicFollower {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Following wakes for records at once and is stopped by a wakeup, so an idle follower need not spin. */
    private static final Duration FOLLOW_POLL = Duration.ofSeconds(5);
    /**
     * The broker answers a fetch as soon as a record is there, so a long wait costs no latency, only the wakeups of an
     * idle follower (Kafka's default is 500 ms). A follower keeps no group and commits nothing, so it closes without
     * waiting for the fetch in flight.
     */
    private static final Duration FETCH_WAIT = FOLLOW_POLL;

    private static final Duration RESTART = Duration.ofSeconds(5);
    private static final Duration METADATA = Duration.ofSeconds(30);

    private final String name;
    private final Map<String, Object> consumerConfig;
    private final List<String> topics;
    private final Consumer<ConsumerRecord<String, byte[]>> onRecord;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private ThreadPoolTaskExecutor thread;

    /** {@code name} names the thread, the consumers' client ids and the log lines. */
    public TopicFollower(
            String name,
            Map<String, Object> consumerConfig,
            List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> onRecord) {
        this.name = name;
        this.consumerConfig = CompactedTopicReader.withoutGroup(consumerConfig);
        this.topics = List.copyOf(topics);
        this.onRecord = onRecord;
    }

    /** Starts following in the background; a broker not there yet is waited for on the follower's thread. */
    public void start() {
        start(null);
    }

    /**
     * Reads every partition to its current end before it returns, then follows in the background: a service whose
     * decisions depend on the topic must not act before it has read it. Fails when the end is not reached within
     * {@code deadline}.
     */
    public void startAfterReadingToTheEnd(Duration deadline) {
        KafkaConsumer<String, byte[]> first = newConsumer();
        try {
            List<TopicPartition> partitions = assignFromStart(first, deadline);
            readToEnd(first, partitions, deadline);
        } catch (RuntimeException failed) {
            first.close();
            throw failed;
        }
        start(first);
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.shutdown();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void start(KafkaConsumer<String, byte[]> assigned) {
        running = true;
        thread = new ThreadPoolTaskExecutor();
        thread.setCorePoolSize(1);
        thread.setMaxPoolSize(1);
        thread.setDaemon(true);
        thread.setThreadNamePrefix(name + "-");
        thread.setWaitForTasksToCompleteOnShutdown(true);
        thread.setAwaitTerminationMillis(RESTART.toMillis());
        thread.initialize();
        thread.execute(() -> follow(assigned));
    }

    private void follow(KafkaConsumer<String, byte[]> assigned) {
        KafkaConsumer<String, byte[]> current = assigned;
        while (running) {
            try {
                if (current == null) {
                    current = newConsumer();
                    consumer = current;
                    assignFromStart(current, METADATA);
                } else {
                    consumer = current;
                }
                while (running) {
                    current.poll(FOLLOW_POLL).forEach(onRecord);
                }
            } catch (WakeupException stopping) {
                log.debug("{} stopped", name);
            } catch (RuntimeException failed) {
                if (running) {
                    log.error(
                            "{} failed, reading {} again from the start in {}: {}",
                            name,
                            topics,
                            RESTART,
                            failed.toString());
                    pause();
                }
            } finally {
                consumer = null;
                if (current != null) {
                    current.close(CloseOptions.timeout(Duration.ZERO));
                }
                current = null;
            }
        }
    }

    private List<TopicPartition> assignFromStart(KafkaConsumer<String, byte[]> reader, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            reader.partitionsFor(topic, timeout)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        log.info("{} follows {} partitions of {}", name, partitions.size(), topics);
        return partitions;
    }

    private void readToEnd(KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        Map<TopicPartition, Long> end = new HashMap<>(reader.endOffsets(partitions, deadline));
        end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        while (!end.isEmpty()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("could not read " + topics + " to the end within " + deadline);
            }
            reader.poll(POLL).forEach(onRecord);
            end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + Long.toHexString(System.nanoTime()));
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_WAIT.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void pause() {
        try {
            Thread.sleep(RESTART.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
