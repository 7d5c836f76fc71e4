package com.rostersync.kernel.kafka;

import com.rostersync.events.UnreadableSchemaVersionException;
import com.rostersync.kernel.topic.PlatformTopics;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/**
 * The one error policy of every listener: a failed record is retried twice, half a second apart, then goes to its
 * explicitly named dead-letter topic ({@link PlatformTopics#deadLetterTopic}); a record that cannot succeed however
 * often it is tried ({@link #NEVER_RETRIED}, besides spring-kafka's own list such as deserialization failures) goes
 * there at once.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaErrorPolicy {

    /**
     * Failures that retrying cannot cure: unreadable JSON, values that break the contract, and an event of a newer major
     * schema version than this service reads.
     */
    public static final List<Class<? extends Exception>> NEVER_RETRIED =
            List.of(JacksonException.class, IllegalArgumentException.class, UnreadableSchemaVersionException.class);

    /** Boot's template sends the dead letters; a service that builds its own templates has no listener to guard. */
    @Bean
    @ConditionalOnBean(name = "kafkaTemplate")
    DefaultErrorHandler rostersyncErrorHandler(@Qualifier("kafkaTemplate") KafkaOperations<?, ?> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(PlatformTopics.deadLetterTopic(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
        NEVER_RETRIED.forEach(handler::addNotRetryableExceptions);
        return handler;
    }
}
