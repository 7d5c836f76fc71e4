package com.rostersync.tenants;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Durations as Spring Boot reads them in its own properties ({@code 30s}, {@code 5m}, {@code 1d}, {@code PT1H}), so
 * the registry and the services' settings mean the same by the same text. A bare number is refused: its unit would be
 * a guess.
 */
final class RegistryDurations extends StdScalarDeserializer<Duration> {

    static final String EXPECTED = "must be a duration like 30s, 5m or PT1H";

    RegistryDurations() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String text = parser.getString().strip();
            try {
                return DurationStyle.detectAndParse(text);
            } catch (IllegalArgumentException notADuration) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text, EXPECTED);
            }
        }
        if (parser.currentToken().isNumeric()) {
            return (Duration) context.handleWeirdNumberValue(Duration.class, parser.getNumberValue(), EXPECTED);
        }
        return (Duration) context.handleUnexpectedToken(Duration.class, parser);
    }
}
