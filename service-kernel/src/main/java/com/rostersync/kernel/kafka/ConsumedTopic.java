package com.rostersync.kernel.kafka;

/**
 * A topic a service consumes and the JSON type of its values; each service declares its own as beans. There are no
 * type headers on the wire, so the topic alone says what a value is. A service that declares none keeps the
 * deserializers its own configuration names (a deserializer instance on the factory would override the classes one
 * of its consumers asks for).
 */
public record ConsumedTopic(String topic, Class<?> valueType) {}
