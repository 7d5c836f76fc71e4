package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class IsoInstantsTest {

    private final JsonMapper jackson = JsonMapper.builder().build();
    private final JsonMapper withModule =
            JsonMapper.builder().addModule(IsoInstants.module()).build();

    /** Whole seconds, milli-, micro- and nanosecond fractions, both ends of the four-digit years, before 1970. */
    private static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.parse("2026-12-01T10:15:30Z"),
                Instant.parse("2026-12-01T10:15:00Z"),
                Instant.parse("2026-12-01T10:15:30.100Z"),
                Instant.parse("2026-12-01T10:15:30.123456Z"),
                Instant.parse("2026-12-01T10:15:30.000000001Z"),
                Instant.parse("2026-12-01T10:15:30.999999999Z"),
                Instant.parse("2024-02-29T23:59:59.5Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MAX,
                Instant.MIN));
        Random random = new Random(20261205);
        for (int i = 0; i < 20_000; i++) {
            long seconds = -62_167_219_200L + (long) (random.nextDouble() * 315_569_520_000L);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        return instants;
    }

    @Test
    void writesEveryInstantToTheByteAsJacksonDoesAndReadsItBack() {
        for (Instant instant : instants()) {
            String written = withModule.writeValueAsString(instant);
            assertThat(written).as(instant.toString()).isEqualTo(jackson.writeValueAsString(instant));
            assertThat(withModule.readValue(written, Instant.class)).isEqualTo(instant);
        }
    }

    @Test
    void givesJacksonsOwnResultOrErrorForEveryOtherShapeAndForImpossibleTimes() {
        List<String> values = List.of(
                "\"2026-12-01T10:15:30+01:00\"",
                "\"2026-12-01T10:15:30.5-05:30\"",
                "\"2026-12-01T10:15:30z\"",
                "\"2026-12-01t10:15:30Z\"",
                "\"2026-12-01T10:15Z\"",
                "\"2026-12-01T10:15:30.Z\"",
                "\"2026-12-01T10:15:30.1234567891Z\"",
                "\"2026-12-01T24:00:00Z\"",
                "\"2026-12-01T23:60:00Z\"",
                "\"2026-12-31T23:59:60Z\"",
                "\"2023-02-29T10:15:30Z\"",
                "\"2026-13-01T10:15:30Z\"",
                "\"+12026-12-01T10:15:30Z\"",
                "\"2026-12-01 10:15:30Z\"",
                "\" 2026-12-01T10:15:30Z\"",
                "\"2026-12-01T10:15:30Z \"",
                "\"2026-12-01T10:15:3xZ\"",
                "\"2026-12-01T10:15:30.12x4Z\"",
                "\"\u0662026-12-01T10:15:30Z\"",
                "\"\"",
                "\"1700000000\"",
                "1700000000",
                "1700000000.123456789",
                "null");
        for (String value : values) {
            assertThat(ReadOutcome.of(withModule, value, Instant.class))
                    .as(value)
                    .isEqualTo(ReadOutcome.of(jackson, value, Instant.class));
        }
    }

    @Test
    void aPlainUtcTextIsReadByHandAndAnythingElseIsNot() {
        assertThat(IsoInstants.parse("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
        assertThat(IsoInstants.parse("2023-02-29T23:59:59Z")).isNull();
        assertThat(IsoInstants.parse("2026-12-01T10:15:30+01:00")).isNull();
        assertThat(IsoInstants.parse("2026-12-31T23:59:60Z")).isNull();
    }

    record Stamped(Instant at, @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant asNumber, Instant never) {}

    @Test
    void anInstantInsideARecordIsWrittenAndReadAsJacksonDoesEvenWithItsOwnFormat() {
        Stamped stamped =
                new Stamped(Instant.parse("2026-12-01T10:15:30.120Z"), Instant.parse("2026-12-01T10:15:30.5Z"), null);

        String written = withModule.writeValueAsString(stamped);

        assertThat(written)
                .isEqualTo(jackson.writeValueAsString(stamped))
                .contains("\"at\":\"2026-12-01T10:15:30.120Z\"");
        assertThat(withModule.readValue(written, Stamped.class)).isEqualTo(stamped);
    }

    @Test
    void aMapperSetToWriteTimestampsOrTruncateWritesWhatJacksonWrites() {
        Instant instant = Instant.parse("2026-12-01T10:15:30.123456789Z");
        for (DateTimeFeature feature :
                List.of(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE)) {
            JsonMapper plain = JsonMapper.builder().enable(feature).build();
            JsonMapper fast = JsonMapper.builder()
                    .addModule(IsoInstants.module())
                    .enable(feature)
                    .build();

            assertThat(fast.writeValueAsString(instant))
                    .as(feature.name())
                    .isEqualTo(plain.writeValueAsString(instant));
        }
        JsonMapper truncating = JsonMapper.builder()
                .addModule(IsoInstants.module())
                .enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)
                .build();
        assertThat(truncating.readValue("\"2026-12-01T10:15:30.123456789Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-12-01T10:15:30.123Z"));
    }
}
