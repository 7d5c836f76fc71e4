package com.rostersync.kernel.kafka;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.DateTimeException;
import java.time.LocalDate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a {@link LocalDate} written as exactly {@code yyyy-MM-dd} by hand, and anything else as Jackson would. Every
 * enrollment carries two such dates, and Jackson parses each through a {@code DateTimeFormatter}: 5.6% of the mapper's
 * stream threads in run W's profile of a 1% change (docs/benchmarks.md; the gain stayed within the noise of runs U1 to
 * U4). A value of another shape, or an impossible date such as {@code 2023-02-29}, goes to Jackson's own deserializer,
 * so its result or error is unchanged; so does every property that sets its own format.
 */
public final class IsoLocalDates extends StdScalarDeserializer<LocalDate> {

    /** Jackson's own, set up for the property at hand: it reads whatever the fast path leaves. */
    private final ValueDeserializer<?> jackson;

    IsoLocalDates() {
        this(LocalDateDeserializer.INSTANCE);
    }

    private IsoLocalDates(ValueDeserializer<?> jackson) {
        super(LocalDate.class);
        this.jackson = jackson;
    }

    /** The module that installs it. */
    public static SimpleModule module() {
        return new SimpleModule("rostersync-iso-local-dates").addDeserializer(LocalDate.class, new IsoLocalDates());
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        ValueDeserializer<?> contextual = LocalDateDeserializer.INSTANCE.createContextual(ctxt, property);
        JsonFormat.Value format = findFormatOverrides(ctxt, property, LocalDate.class);
        boolean ownFormat = format != null && (format.hasPattern() || format.hasShape() || format.hasLocale());
        return ownFormat ? contextual : new IsoLocalDates(contextual);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            LocalDate date = isoDate(p.getString());
            if (date != null) {
                return date;
            }
        }
        return (LocalDate) jackson.deserialize(p, ctxt);
    }

    /** The date {@code text} names when it is exactly {@code yyyy-MM-dd} and a real day, else null. */
    static LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
