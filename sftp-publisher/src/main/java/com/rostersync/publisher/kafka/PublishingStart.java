package com.rostersync.publisher.kafka;

import com.rostersync.publisher.publish.PublishCoordinator;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Starts uploading once the application is up. Each destination is uploaded only after its instance was given the
 * destination and read its last upload ({@link DestinationHandover}); snapshots that arrive before are only kept.
 */
@Component
class PublishingStart implements ApplicationRunner {

    private final PublishCoordinator coordinator;

    PublishingStart(PublishCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void run(ApplicationArguments args) {
        coordinator.start();
    }
}
