package com.rostersync.mapper.pipeline;

import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.cycle.RosterChangeEvent;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * The fixed JSON target type of each topic the mapper consumes (no type headers on the wire). Named in
 * {@code spring.json.value.type.method}, so one consumer can read roster changes and commands: both are keyed by
 * school, and reading them in one consumer keeps a school's commands on the instance that owns its roster.
 */
public final class InboundTypes {

    private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();
    private static final JavaType APPROVE_HOLD = TYPES.constructType(ApproveHold.class);
    private static final JavaType ROSTER_CHANGE = TYPES.constructType(RosterChangeEvent.class);

    private InboundTypes() {}

    public static JavaType typeFor(String topic, byte[] data, Headers headers) {
        return Topics.COMMANDS.equals(topic) ? APPROVE_HOLD : ROSTER_CHANGE;
    }
}
