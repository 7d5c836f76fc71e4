package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.kernel.kafka.KeyOwnership;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Membership of the publisher instances' consumer group on the publisher state topic: the partitions it assigns decide
 * which destinations each instance uploads to ({@link KeyOwnership}, {@link DestinationHandover}). The
 * records themselves were read when the partitions were assigned; later ones are this group's own writes.
 */
@Component
class DestinationListener {

    static final String ID = "sftp-publisher-destinations";

    @KafkaListener(id = ID, topics = Topics.PUBLISHER_STATE, containerFactory = "destinationContainerFactory")
    void onState(ConsumerRecord<String, byte[]> ignored) {
        // Nothing to do: see the class comment.
    }
}
