package com.rostersync.kernel.topic;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** One topic as the platform needs it: its name, partition count, replication and topic-level settings. */
public record TopicDeclaration(String name, int partitions, short replicas, Map<String, String> configs) {

    public TopicDeclaration {
        configs = Map.copyOf(configs);
    }

    NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicas).configs(configs);
    }
}
