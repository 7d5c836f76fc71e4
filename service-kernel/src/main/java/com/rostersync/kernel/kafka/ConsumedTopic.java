package com.rostersync.kernel.kafka;

import com.rostersync.events.Topics;
import java.util.Map;

/**
 * A topic a service consumes and the JSON type of its values; each service declares its own as beans. There are no
 * Java type headers on the wire, so the topic says what a value is, except where it carries a second type named by
 * the contract's own {@link Topics#TYPE_HEADER} (a school's files on the snapshot topic). A service that declares none keeps the
 * deserializers its own configuration names (a deserializer instance on the factory would override the classes one
 * of its consumers asks for).
 */
public record ConsumedTopic(String topic, Class<?> valueType, Map<String, Class<?>> byTypeHeader) {

    /** {@code byTypeHeader}: the other types, by their header value; a record without the header is a valueType. */
    public ConsumedTopic {
        byTypeHeader = Map.copyOf(byTypeHeader);
    }

    /** A topic of one type. */
    public ConsumedTopic(String topic, Class<?> valueType) {
        this(topic, valueType, Map.of());
    }
}
