package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.publisher.publish.PublishedState;
import com.rostersync.publisher.publish.PublishedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Writes the last successful upload per destination to the compacted {@link Topics#PUBLISHER_STATE} topic. */
@Component
class KafkaPublishedStateStore implements PublishedStateStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublishedStateStore.class);

    private final KafkaTemplate<Object, Object> template;

    KafkaPublishedStateStore(KafkaTemplate<Object, Object> template) {
        this.template = template;
    }

    @Override
    public void save(PublishedState state) {
        template.send(Topics.PUBLISHER_STATE, state.destinationId(), state).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error(
                        "State of destination {} was not saved (the next start may upload again): {}",
                        state.destinationId(),
                        failure.getMessage());
            }
        });
    }
}
