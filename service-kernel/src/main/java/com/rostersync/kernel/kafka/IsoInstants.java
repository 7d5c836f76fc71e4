package com.rostersync.kernel.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.ser.InstantSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes and reads an {@link Instant} in UTC as {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} by hand, the very text
 * Jackson writes through {@code DateTimeFormatter.ISO_INSTANT} (the fraction in groups of three digits, none when
 * zero). Every record change carries one ({@code observedAt}): in a profile of the full sync at 1,000 schools Jackson's
 * formatting was 3.7% of the extractor's cycle threads and its parsing 4.7% of the mapper's stream threads
 * (docs/benchmarks.md, run P3). An instant outside the years 0000 to 9999, a text of another shape (an offset, a leap
 * second, a number), a property with its own format and a mapper set to write timestamps or truncate go to Jackson's
 * own serializer and deserializer, so their result or error is unchanged.
 */
public final class IsoInstants {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants whose year has four digits and no sign. */
    private static final long FIRST_SECOND = -62_167_219_200L;

    private static final long LAST_SECOND = 253_402_300_799L;

    private IsoInstants() {}

    /** The module that installs both. */
    public static SimpleModule module() {
        return new SimpleModule("rostersync-iso-instants")
                .addSerializer(Instant.class, new Writer(InstantSerializer.INSTANCE))
                .addDeserializer(Instant.class, new Reader(InstantDeserializer.INSTANT));
    }

    /**
     * Jackson's text for {@code instant} ({@code ISO_INSTANT}) into {@code out} (30 characters) from 0; returns its
     * length, or -1 when the instant's year is not 0000 to 9999.
     */
    static int format(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        IsoLocalDates.format(time.toLocalDate(), out);
        out[10] = 'T';
        IsoLocalDates.put(out, 11, time.getHour(), 2);
        out[13] = ':';
        IsoLocalDates.put(out, 14, time.getMinute(), 2);
        out[16] = ':';
        int at = IsoLocalDates.put(out, 17, time.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = IsoLocalDates.put(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = IsoLocalDates.put(out, at, nanos / 1_000, 6);
            } else {
                at = IsoLocalDates.put(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return at;
    }

    /**
     * The instant {@code text} names when it is exactly {@code yyyy-MM-ddTHH:mm:ssZ} with an optional fraction of one
     * to nine digits, and a real day and time of day; else null.
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20
                || length == 21
                || length > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int hour = IsoLocalDates.digits(text, 11, 13);
        int minute = IsoLocalDates.digits(text, 14, 16);
        int second = IsoLocalDates.digits(text, 17, 19);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = IsoLocalDates.digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int digits = length - 21; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        LocalDate day = IsoLocalDates.isoDate(text, 0);
        if (day == null) {
            return null;
        }
        return Instant.ofEpochSecond(day.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** Jackson's serializer for what the fast path leaves. */
    static final class Writer extends StdSerializer<Instant> {

        private final ValueSerializer<?> jackson;

        Writer(ValueSerializer<?> jackson) {
            super(Instant.class);
            this.jackson = jackson;
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
            ValueSerializer<?> contextual = InstantSerializer.INSTANCE.createContextual(ctxt, property);
            boolean asJackson = IsoLocalDates.ownFormat(findFormatOverrides(ctxt, property, Instant.class))
                    || ctxt.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                    || ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE)
                    || ctxt.getConfig().hasExplicitTimeZone();
            return asJackson ? contextual : new Writer(contextual);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            char[] text = new char[30];
            int length = format(value, text);
            if (length > 0) {
                gen.writeString(text, 0, length);
            } else {
                ((ValueSerializer<Instant>) jackson).serialize(value, gen, ctxt);
            }
        }
    }

    /** Jackson's deserializer, set up for the property at hand, for what the fast path leaves. */
    static final class Reader extends StdScalarDeserializer<Instant> {

        private final ValueDeserializer<?> jackson;

        Reader(ValueDeserializer<?> jackson) {
            super(Instant.class);
            this.jackson = jackson;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            ValueDeserializer<?> contextual = InstantDeserializer.INSTANT.createContextual(ctxt, property);
            boolean asJackson = IsoLocalDates.ownFormat(findFormatOverrides(ctxt, property, Instant.class))
                    || ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ);
            return asJackson ? contextual : new Reader(contextual);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant instant = parse(p.getString());
                if (instant != null) {
                    return instant;
                }
            }
            return (Instant) jackson.deserialize(p, ctxt);
        }
    }
}
