package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.publisher.publish.PublishCoordinator;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Feeds the mapper's outcomes to the coordinator: a school whose content did not change in a tenant cycle sends no
 * snapshot, and only its MAP outcome tells the destinations waiting for that cycle that the school is done.
 */
@Component
class MapOutcomeListener {

    private final PublishCoordinator coordinator;

    MapOutcomeListener(PublishCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @KafkaListener(
            id = "sftp-publisher-map-outcomes",
            topics = Topics.OUTCOMES,
            containerFactory = PublisherKafkaConfiguration.OUTCOME_LISTENER_FACTORY)
    void onOutcome(@Payload(required = false) SyncOutcome outcome) {
        if (outcome != null && outcome.stage() == Stage.MAP) {
            coordinator.onMapOutcome(outcome);
        }
    }
}
