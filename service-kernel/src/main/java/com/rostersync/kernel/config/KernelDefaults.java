package com.rostersync.kernel.config;

import com.rostersync.kernel.kafka.KafkaConsumerClose;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The settings every service runs with unless its own file or the environment says otherwise: added last, so any
 * other source wins. Kept here so that the four service files hold only what is their own and cannot drift apart
 * (the Kafka address from {@code KAFKA_BOOTSTRAP_SERVERS}, the same actuator endpoints, Kafka observation on).
 */
public final class KernelDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "rostersyncKernelDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
    }

    /** The defaults themselves, for a test that reads a service's settings as the service would. */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        defaults.put("spring.kafka.consumer.group-id", "${spring.application.name}");
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        // A consumer must never create a topic with the broker's default partition count (see TopicDeclarer).
        defaults.put("spring.kafka.consumer.properties.allow.auto.create.topics", "false");
        // A group member's heartbeat thread wakes every retry.backoff.ms (Kafka's default 100 ms) to check whether a
        // heartbeat is due, though one is sent only every 3 s. Waking every 500 ms still heartbeats on time; the price
        // is that a failed request is retried after 500 ms instead of 100 ms.
        defaults.put("spring.kafka.consumer.properties.retry.backoff.ms", "500");
        defaults.put("spring.kafka.streams.properties.consumer.retry.backoff.ms", "500");
        // An idle consumer asks the broker again every fetch.max.wait.ms (Kafka's default 500 ms) and wakes its thread
        // each time; a new record answers a waiting fetch at once, so a longer wait costs no latency. A stop does not
        // wait for it either (KafkaConsumerClose).
        defaults.put("spring.kafka.consumer.fetch-max-wait", KafkaConsumerClose.IDLE_FETCH_WAIT.toMillis() + "ms");
        defaults.put("spring.kafka.producer.acks", "all");
        defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
        defaults.put("spring.kafka.template.observation-enabled", "true");
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        // The services' pools and timers (ServiceThreads) let running work finish for a moment at shutdown.
        defaults.put("spring.task.execution.shutdown.await-termination", "true");
        defaults.put("spring.task.execution.shutdown.await-termination-period", "3s");
        defaults.put("spring.task.scheduling.shutdown.await-termination", "true");
        defaults.put("spring.task.scheduling.shutdown.await-termination-period", "3s");
        defaults.put("rostersync.tenants.file", "${ROSTERSYNC_TENANTS_FILE:tenants.yml}");
        return defaults;
    }
}
