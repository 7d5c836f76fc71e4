package com.rostersync.mapper.pipeline;

import com.rostersync.events.Topics;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/** Tells the runner which schools' partitions this instance owns, so it rebuilds state when it is given new ones. */
@Configuration(proxyBeanMethods = false)
class PartitionOwnershipConfig {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> partitionOwnership(
            SchoolCycleRunner runner) {
        return container -> container
                .getContainerProperties()
                .setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
                        runner.partitionsAssigned(
                                assigned,
                                consumer.partitionsFor(Topics.ROSTER_CHANGES).size());
                    }

                    @Override
                    public void onPartitionsRevokedAfterCommit(
                            Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
                        runner.partitionsRevoked(revoked);
                    }

                    @Override
                    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
                        runner.partitionsRevoked(lost);
                    }
                });
    }
}
