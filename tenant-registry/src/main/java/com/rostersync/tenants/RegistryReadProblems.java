package com.rostersync.tenants;

import com.rostersync.tenants.RegistryProblems.Style;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;

/**
 * Turns what Jackson cannot read (an unknown key, a value of the wrong kind) into a problem at its field and reads
 * on, so that one run of the loader names every problem of the file, not just the first.
 */
final class RegistryReadProblems extends DeserializationProblemHandler {

    private final RegistryProblems problems;

    RegistryReadProblems(RegistryProblems problems) {
        this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext context,
            JsonParser parser,
            ValueDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName) {
        TokenStreamContext place = parser.streamReadContext();
        while (place.getParent() != null && !(place.inObject() && propertyName.equals(place.currentName()))) {
            place = place.getParent();
        }
        List<Object> owner = pathOf(place.getParent());
        Collection<Object> known = deserializer == null ? List.of() : deserializer.getKnownPropertyNames();
        List<String> allowed =
                new ArrayList<>(known.stream().map(String::valueOf).toList());
        Collections.sort(allowed);
        problems.add(
                owner, Style.AT, "unknown field '" + propertyName + "' (allowed: " + String.join(", ", allowed) + ")");
        parser.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(
            DeserializationContext context, Class<?> targetType, String value, String failureMessage) {
        problems.add(path(context.getParser()), Style.VALUE, expected(targetType, failureMessage));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(
            DeserializationContext context, Class<?> targetType, Number value, String failureMessage) {
        problems.add(path(context.getParser()), Style.VALUE, expected(targetType, failureMessage));
        return null;
    }

    @Override
    public Object handleUnexpectedToken(
            DeserializationContext context,
            JavaType targetType,
            JsonToken token,
            JsonParser parser,
            String failureMessage) {
        problems.add(path(parser), Style.VALUE, expectedShape(targetType.getRawClass()));
        parser.skipChildren();
        return null;
    }

    @Override
    public Object handleMissingInstantiator(
            DeserializationContext context,
            Class<?> instanceClass,
            ValueInstantiator instantiator,
            JsonParser parser,
            String failureMessage) {
        problems.add(path(parser), Style.VALUE, expectedShape(instanceClass));
        parser.skipChildren();
        return null;
    }

    private static String expected(Class<?> type, String failureMessage) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            boolean lowerCase = type == DestinationAccount.ExtensionColumns.class;
            return "must be "
                    + String.join(
                            " or ",
                            Arrays.stream(constants)
                                    .map(c -> lowerCase
                                            ? ((Enum<?>) c).name().toLowerCase(Locale.ROOT)
                                            : ((Enum<?>) c).name())
                                    .toList());
        }
        if (type == java.time.Duration.class) {
            return RegistryDurations.EXPECTED;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        return "cannot be read: " + failureMessage;
    }

    private static String expectedShape(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "must be a mapping of fields";
        }
        if (type == java.time.Duration.class) {
            return RegistryDurations.EXPECTED;
        }
        if (Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        return "must be a single value";
    }

    /** Where the parser is, as registry path segments: field names and list positions. */
    private static List<Object> path(JsonParser parser) {
        TokenStreamContext context = parser.streamReadContext();
        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
            // The parser already stepped into the value; its place is in the enclosing context.
            context = context.getParent() == null ? context : context.getParent();
        }
        return pathOf(context);
    }

    private static List<Object> pathOf(TokenStreamContext context) {
        List<Object> path = new ArrayList<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.add(0, c.getCurrentIndex());
            } else if (c.currentName() != null) {
                path.add(0, c.currentName());
            }
        }
        return path;
    }
}
