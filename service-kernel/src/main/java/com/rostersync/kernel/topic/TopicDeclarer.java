package com.rostersync.kernel.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Creates every missing platform topic and checks the existing ones before any listener starts or anything is sent.
 * A consumer that subscribed first would otherwise let the broker auto-create its topic with the broker's default
 * partition count, and read only part of the topic once a later service added partitions (which also moves keys to
 * other partitions). So an existing topic with fewer partitions than configured fails start-up, naming it; partitions
 * are never added here. A broker that does not answer within the timeout fails start-up too.
 */
public final class TopicDeclarer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicDeclarer.class);

    private final Map<String, Object> adminConfig;
    private final List<TopicDeclaration> topics;
    private final Duration timeout;

    public TopicDeclarer(Map<String, Object> adminConfig, List<TopicDeclaration> topics, Duration timeout) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        int millis = Math.toIntExact(timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        this.adminConfig = Map.copyOf(config);
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        declare();
    }

    /**
     * @throws TopicPartitionsMismatchException when an existing topic has fewer partitions than declared
     * @throws IllegalStateException            when the broker did not answer in time
     */
    public void declare() {
        if (topics.isEmpty()) {
            log.info("No topics to declare (a class-data training run); the broker is not contacted");
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> toCheck = new LinkedHashSet<>();
            List<String> created = new ArrayList<>();
            List<TopicDeclaration> missing = new ArrayList<>();
            for (TopicDeclaration topic : topics) {
                if (existing.contains(topic.name())) {
                    toCheck.add(topic.name());
                } else {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                var result = admin.createTopics(
                        missing.stream().map(TopicDeclaration::toNewTopic).toList());
                for (TopicDeclaration topic : missing) {
                    try {
                        result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        created.add(topic.name());
                    } catch (ExecutionException failed) {
                        if (!(failed.getCause() instanceof TopicExistsException)) {
                            throw failed;
                        }
                        // Another service created it meanwhile; it may not have used our settings.
                        toCheck.add(topic.name());
                    }
                }
            }
            check(admin, toCheck);
            log.info("Topics declared: {} created {}, {} checked", created.size(), created, toCheck.size());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while declaring the Kafka topics", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException(
                    "could not declare the Kafka topics at "
                            + adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " within " + timeout + ": "
                            + failed.getMessage(),
                    failed);
        }
    }

    private void check(Admin admin, Set<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (names.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> tooFew = new ArrayList<>();
        for (TopicDeclaration topic : topics) {
            TopicDescription description = described.get(topic.name());
            if (description != null && description.partitions().size() < topic.partitions()) {
                tooFew.add(topic.name() + " has " + description.partitions().size() + " partition(s), "
                        + topic.partitions() + " are configured");
            }
        }
        if (!tooFew.isEmpty()) {
            throw new TopicPartitionsMismatchException(tooFew);
        }
    }

    /** Existing topics have fewer partitions than rostersync.topics.partitions: consumers would miss records. */
    public static final class TopicPartitionsMismatchException extends IllegalStateException {
        TopicPartitionsMismatchException(List<String> topics) {
            super("Kafka topics with fewer partitions than rostersync.topics.partitions: " + String.join("; ", topics)
                    + ". Recreate them with the configured count (adding partitions would move keys to other"
                    + " partitions), or configure the count they have; see docs/operations.md, \"Topics\".");
        }
    }
}
