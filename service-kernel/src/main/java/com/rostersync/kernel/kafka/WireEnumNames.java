package com.rostersync.kernel.kafka;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a constant's own name of a contract enum from a table instead of calling the enum's creator. Every enum of the
 * contract is read by its one-string creator ({@code fromWire}: a name this build does not know is {@code UNKNOWN}),
 * and Jackson 3.1 calls a creator through {@code MethodHandle.invokeWithArguments}, which builds a spreading handle on
 * each call: 4.6% of the mapper's stream threads in a full sync, at two or three enums per record
 * (docs/benchmarks.md). The table holds what the creator returned for each constant's name, asked once; any other
 * text and every other token go to Jackson's own deserializer, which calls the creator as before.
 */
public final class WireEnumNames extends ValueDeserializerModifier {

    /** The module that installs it. */
    public static SimpleModule module() {
        return new SimpleModule("rostersync-wire-enum-names").setDeserializerModifier(new WireEnumNames());
    }

    @Override
    public ValueDeserializer<?> modifyEnumDeserializer(
            DeserializationConfig config,
            JavaType type,
            BeanDescription.Supplier beanDescription,
            ValueDeserializer<?> deserializer) {
        Map<String, Object> byName = byName(type.getRawClass());
        return byName.isEmpty() ? deserializer : new Reader(deserializer, byName);
    }

    /** What the enum's one public static string creator returns for each constant's name; empty without one. */
    static Map<String, Object> byName(Class<?> type) {
        Method creator = null;
        for (Method method : type.getDeclaredMethods()) {
            JsonCreator annotation = method.getAnnotation(JsonCreator.class);
            if (annotation == null || annotation.mode() == JsonCreator.Mode.DISABLED) {
                continue;
            }
            if (creator != null || !stringCreator(type, method, annotation)) {
                // Another shape of creator, or more than one: Jackson's rules decide, not a table.
                return Map.of();
            }
            creator = method;
        }
        if (creator == null || !type.isEnum()) {
            return Map.of();
        }
        Map<String, Object> byName = new HashMap<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                Object read = creator.invoke(null, name);
                if (read != null) {
                    byName.put(name, read);
                }
            } catch (ReflectiveOperationException | RuntimeException refused) {
                return Map.of();
            }
        }
        return Map.copyOf(byName);
    }

    private static boolean stringCreator(Class<?> type, Method method, JsonCreator annotation) {
        int modifiers = method.getModifiers();
        return Modifier.isStatic(modifiers)
                && Modifier.isPublic(modifiers)
                && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == String.class
                && method.getReturnType() == type
                && annotation.mode() != JsonCreator.Mode.PROPERTIES;
    }

    /** Jackson's enum deserializer, with the constants' names read from the table first. */
    static final class Reader extends DelegatingDeserializer {

        private final Map<String, Object> byName;

        Reader(ValueDeserializer<?> jackson, Map<String, Object> byName) {
            super(jackson);
            this.byName = byName;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> jackson) {
            return new Reader(jackson, byName);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Object constant = byName.get(p.getString());
                if (constant != null) {
                    return constant;
                }
            }
            return _delegatee.deserialize(p, ctxt);
        }
    }
}
