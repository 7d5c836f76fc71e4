package com.rostersync.kernel.topic;

import com.rostersync.events.Topics;
import com.rostersync.kernel.config.RosterSyncProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of the platform, declared in one place with its compaction and message size. Every service declares
 * all of them at start-up, so whichever service starts first creates each topic with the configured partition count
 * before any consumer subscribes or any producer sends; no topic is ever left to the broker's auto-creation.
 */
public final class PlatformTopics {

    /** The monitor's last successful upload per district (compacted); only the monitor uses it. */
    public static final String MONITOR_LAST_SUCCESS = "roster.monitor-last-success.v1";

    /** Holds no records: the extractor group's assignment of its partitions decides which instance extracts which tenant. */
    public static final String EXTRACTOR_TENANTS = "roster.extractor-tenants.v1";

    private PlatformTopics() {}

    public static List<TopicDeclaration> all(RosterSyncProperties.Topics settings) {
        String snapshotBytes = String.valueOf(settings.snapshotMaxBytes());
        List<TopicDeclaration> topics = new ArrayList<>();
        Map<String, String> plain = Map.of();
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        topics.add(declare(Topics.ROSTER_CHANGES, settings, plain));
        topics.add(declare(Topics.ROSTER_CHANGES_DLT, settings, plain));
        // A minute before compaction, so a restart right after a cycle still sees each record's own history.
        topics.add(declare(
                Topics.EXTRACTOR_STATE,
                settings,
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                        "60000")));
        topics.add(declare(EXTRACTOR_TENANTS, settings, plain));
        // The latest file set per school is what a new publisher needs; a large school's set is a large message.
        topics.add(declare(
                Topics.SNAPSHOTS,
                settings,
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        snapshotBytes)));
        topics.add(
                declare(Topics.SNAPSHOTS_DLT, settings, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, snapshotBytes)));
        topics.add(declare(Topics.OUTCOMES, settings, plain));
        topics.add(declare(Topics.OUTCOMES_DLT, settings, plain));
        topics.add(declare(Topics.COMMANDS, settings, plain));
        topics.add(declare(Topics.COMMANDS_DLT, settings, plain));
        topics.add(declare(Topics.AUDIT, settings, plain));
        topics.add(declare(Topics.PUBLISHER_STATE, settings, compacted));
        topics.add(declare(Topics.MONITOR_INCIDENTS, settings, compacted));
        topics.add(declare(MONITOR_LAST_SUCCESS, settings, compacted));
        topics.add(declare(Topics.TENANT_OVERRIDES, settings, compacted));
        // The sync history is kept for a time, not per key: every run is its own record, and old ones simply expire.
        Map<String, String> history = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(settings.historyRetention().toMillis()));
        topics.add(declare(Topics.RUNS, settings, history));
        topics.add(declare(Topics.CHANGE_REPORTS, settings, history));
        return List.copyOf(topics);
    }

    /** The dead-letter topic of a consumed topic; every consumed topic has one. */
    public static String deadLetterTopic(String topic) {
        switch (topic) {
            case Topics.ROSTER_CHANGES:
                return Topics.ROSTER_CHANGES_DLT;
            case Topics.COMMANDS:
                return Topics.COMMANDS_DLT;
            case Topics.SNAPSHOTS:
                return Topics.SNAPSHOTS_DLT;
            case Topics.OUTCOMES:
                return Topics.OUTCOMES_DLT;
            default:
                throw new IllegalArgumentException("no dead-letter topic is declared for " + topic);
        }
    }

    private static TopicDeclaration declare(
            String name, RosterSyncProperties.Topics settings, Map<String, String> configs) {
        return new TopicDeclaration(name, settings.partitions(), settings.replicas(), configs);
    }
}
