package com.rostersync.monitor.kafka;

import com.rostersync.monitor.incident.IncidentDesk;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the incident state from its compacted topics before anything consumes outcomes: this lifecycle phase runs
 * before the listener containers' (which start last), so the first outcome meets the state as it was at shutdown and
 * no incident is opened or mailed a second time.
 */
@Component
class IncidentStateRestorer implements SmartLifecycle {

    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaIncidentStore store;
    private final IncidentDesk desk;
    private volatile boolean running;

    IncidentStateRestorer(KafkaIncidentStore store, IncidentDesk desk) {
        this.store = store;
        this.desk = desk;
    }

    @Override
    public void start() {
        Map<String, java.time.Instant> lastSuccess = new LinkedHashMap<>();
        store.readLastSuccess(RESTORE_TIMEOUT).values().forEach(s -> lastSuccess.put(s.tenantId(), s.at()));
        desk.restore(store.readIncidents(RESTORE_TIMEOUT).values(), lastSuccess);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
