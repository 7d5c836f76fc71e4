package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import com.rostersync.publisher.publish.PublishCoordinator;
import com.rostersync.publisher.publish.PublishedState;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Before the first upload, reads the compacted publisher state topic to its end, so that content a destination
 * already has is not uploaded again after a restart; then lets the coordinator start. Snapshots that arrive
 * meanwhile are only kept.
 */
@Component
class PublishedStateRestorer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PublishedStateRestorer.class);
    private static final Duration RESTORE_LIMIT = Duration.ofSeconds(60);

    private final CompactedTopicReader reader;
    private final JsonMapper jsonMapper;
    private final PublishCoordinator coordinator;

    PublishedStateRestorer(
            ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper, PublishCoordinator coordinator) {
        this.reader = CompactedTopicReader.from(consumerFactory);
        this.jsonMapper = jsonMapper;
        this.coordinator = coordinator;
    }

    @Override
    public void run(ApplicationArguments args) {
        CompactedTopicReader.Replay replay = reader.readToEnd(Topics.PUBLISHER_STATE, RESTORE_LIMIT, (key, value) -> {
            if (value != null) {
                coordinator.restore(jsonMapper.readValue(value, PublishedState.class));
            }
        });
        log.info("Restored the last upload of {} destination records; publishing starts", replay.applied());
        coordinator.start();
    }
}
