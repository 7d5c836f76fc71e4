package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Incident state in {@link Topics#MONITOR_INCIDENTS}, last successes in {@link MonitorTopics#LAST_SUCCESS}. */
@Component
public class KafkaIncidentStore implements IncidentStore {

    private final CompactedTopicStore<Incident> incidents;
    private final CompactedTopicStore<LastSuccess> lastSuccess;

    KafkaIncidentStore(
            KafkaTemplate<String, Object> template, ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper) {
        this.incidents = new CompactedTopicStore<>(
                Topics.MONITOR_INCIDENTS, Incident.class, template, consumerFactory, jsonMapper);
        this.lastSuccess = new CompactedTopicStore<>(
                MonitorTopics.LAST_SUCCESS, LastSuccess.class, template, consumerFactory, jsonMapper);
    }

    @Override
    public void save(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    @Override
    public void delete(String incidentId) {
        incidents.delete(incidentId);
    }

    @Override
    public void saveLastSuccess(String tenantId, Instant at) {
        lastSuccess.put(tenantId, new LastSuccess(tenantId, at));
    }

    /** Every incident of every district as the topic holds it now, whichever monitor instance answers for it. */
    public Map<String, Incident> readIncidents(Duration timeout) {
        return incidents.readAll(timeout);
    }

    Map<String, LastSuccess> readLastSuccess(Duration timeout) {
        return lastSuccess.readAll(timeout);
    }

    /** Each district's last successful upload as the topic holds it now, by tenant id. */
    public Map<String, Instant> readLastSuccesses(Duration timeout) {
        Map<String, Instant> at = new java.util.TreeMap<>();
        readLastSuccess(timeout).values().forEach(success -> at.put(success.tenantId(), success.at()));
        return at;
    }

    /** Value of the last-success topic. */
    record LastSuccess(String tenantId, Instant at) {}
}
