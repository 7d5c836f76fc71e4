package com.rostersync.kernel.kafka;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.DateTimeException;
import java.time.LocalDate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.ser.LocalDateSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Reads a {@link LocalDate} written as exactly {@code yyyy-MM-dd} by hand, and anything else as Jackson would. Every
 * enrollment carries two such dates, and Jackson parses each through a {@code DateTimeFormatter}: 5.6% of the mapper's
 * stream threads in run W's profile of a 1% change (docs/benchmarks.md; the gain stayed within the noise of runs U1 to
 * U4). A value of another shape, or an impossible date such as {@code 2023-02-29}, goes to Jackson's own deserializer,
 * so its result or error is unchanged; so does every property that sets its own format. Dates of the years 0000 to
 * 9999 are written by hand too ({@link Writer}), as the same ten characters Jackson writes.
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

    /** The module that installs the reader and the writer. */
    public static SimpleModule module() {
        return new SimpleModule("rostersync-iso-local-dates")
                .addSerializer(LocalDate.class, new Writer(LocalDateSerializer.INSTANCE))
                .addDeserializer(LocalDate.class, new IsoLocalDates());
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        ValueDeserializer<?> contextual = LocalDateDeserializer.INSTANCE.createContextual(ctxt, property);
        return ownFormat(findFormatOverrides(ctxt, property, LocalDate.class))
                ? contextual
                : new IsoLocalDates(contextual);
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
    public static LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        return isoDate(text, 0);
    }

    /** The day of the digits at {@code yyyy?MM?dd} from {@code from}, the separators already checked; else null. */
    static LocalDate isoDate(String text, int from) {
        int year = digits(text, from, from + 4);
        int month = digits(text, from + 5, from + 7);
        int day = digits(text, from + 8, from + 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The ten characters of {@code date} into {@code out} from 0, as {@code toString}; false outside 0000 to 9999. */
    static boolean format(LocalDate date, char[] out) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        return true;
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, from {@code at}; returns the next index. */
    static int put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Whether a property's format asks for something the hand-written paths do not do. */
    static boolean ownFormat(JsonFormat.Value format) {
        return format != null
                && (format.hasPattern() || format.hasShape() || format.hasLocale() || format.hasTimeZone());
    }

    /** Writes dates as {@code yyyy-MM-dd}; Jackson's own serializer writes what the fast path leaves. */
    static final class Writer extends StdSerializer<LocalDate> {

        private final ValueSerializer<?> jackson;

        Writer(ValueSerializer<?> jackson) {
            super(LocalDate.class);
            this.jackson = jackson;
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
            ValueSerializer<?> contextual = LocalDateSerializer.INSTANCE.createContextual(ctxt, property);
            boolean asJackson = ownFormat(findFormatOverrides(ctxt, property, LocalDate.class))
                    || ctxt.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
            return asJackson ? contextual : new Writer(contextual);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void serialize(LocalDate value, JsonGenerator gen, SerializationContext ctxt) {
            char[] text = new char[10];
            if (format(value, text)) {
                gen.writeString(text, 0, text.length);
            } else {
                ((ValueSerializer<LocalDate>) jackson).serialize(value, gen, ctxt);
            }
        }
    }

    static int digits(String text, int from, int to) {
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
