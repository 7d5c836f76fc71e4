package com.rostersync.mapper.pipeline;

/** A value the topology sends, already serialized, with the topic it goes to (snapshots, outcomes, dead letters). */
record Outbound(String topic, byte[] value) {}
