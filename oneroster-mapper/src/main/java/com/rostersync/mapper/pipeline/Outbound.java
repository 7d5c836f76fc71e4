package com.rostersync.mapper.pipeline;

/**
 * A value the topology sends, already serialized, with the topic it goes to (snapshots, outcomes, dead letters) and,
 * when the record must share a partition with records of another key, the key whose partition it takes.
 */
record Outbound(String topic, byte[] value, String partitionKey) {

    Outbound(String topic, byte[] value) {
        this(topic, value, null);
    }
}
