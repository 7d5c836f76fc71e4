package com.rostersync.mapper.config;

import com.rostersync.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the mapper reads and produces (snapshots, outcomes, dead letters); Kafka Streams creates its stores'
 * changelog topics itself. Snapshots are compacted (the latest per school is what a new publisher needs) and allow messages up to
 * {@code rostersync.mapper.snapshot-max-bytes}, see docs/mapper.md.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    KafkaAdmin.NewTopics mapperTopics(TopicsProperties topics, MapperProperties mapper) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.SNAPSHOTS)
                        .partitions(topics.partitions())
                        .replicas(topics.replicas())
                        .compact()
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(mapper.snapshotMaxBytes()))
                        .build(),
                // The topology's sources must exist before Kafka Streams starts; both keyed by school, same count.
                topic(Topics.ROSTER_CHANGES, topics),
                topic(Topics.COMMANDS, topics),
                topic(Topics.OUTCOMES, topics),
                topic(Topics.ROSTER_CHANGES_DLT, topics),
                topic(Topics.COMMANDS_DLT, topics));
    }

    private static NewTopic topic(String name, TopicsProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }
}
