package com.rostersync.kernel.kafka;

/**
 * A topic a service consumes and the JSON type of its values; each service declares its own as beans. There are no
 * type headers on the wire, so the topic alone says what a value is.
 */
public record ConsumedTopic(String topic, Class<?> valueType) {}
