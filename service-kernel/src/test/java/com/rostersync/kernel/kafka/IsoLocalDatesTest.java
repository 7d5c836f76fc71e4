package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.json.JsonMapper;

class IsoLocalDatesTest {

    private final JsonMapper jackson = JsonMapper.builder().build();
    private final JsonMapper withModule =
            JsonMapper.builder().addModule(IsoLocalDates.module()).build();

    @Test
    void readsEveryDayOfThreeCenturiesAsJacksonDoes() {
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.getYear() < 2200; day = day.plusDays(1)) {
            String json = "\"" + day + "\"";
            assertThat(withModule.readValue(json, LocalDate.class)).isEqualTo(day);
        }
    }

    @Test
    void givesJacksonsOwnResultOrErrorForEveryOtherShapeAndForImpossibleDays() {
        List<String> values = List.of(
                "\"2023-02-29\"",
                "\"2024-02-30\"",
                "\"2024-13-01\"",
                "\"2024-00-10\"",
                "\"2024-1-01\"",
                "\" 2024-01-01\"",
                "\"2024-01-01 \"",
                "\"\"",
                "\"2024/01/01\"",
                "\"+12024-01-01\"",
                "\"0000-01-01\"",
                "\"2024-01-01T10:15:30\"",
                "\"2024-01-0x\"",
                "\"\u0661\u0662\u0663\u0664-01-01\"",
                "[2024,1,1]",
                "19000",
                "null");
        for (String value : values) {
            assertThat(ReadOutcome.of(withModule, value, LocalDate.class))
                    .as(value)
                    .isEqualTo(ReadOutcome.of(jackson, value, LocalDate.class));
        }
    }

    @Test
    void writesEveryDayOfThreeCenturiesAndBothEndsOfTheFourDigitYearsAsJacksonDoes() {
        List<LocalDate> days = new ArrayList<>(List.of(
                LocalDate.of(0, 1, 1),
                LocalDate.of(9999, 12, 31),
                LocalDate.of(10000, 1, 1),
                LocalDate.of(-1, 12, 31),
                LocalDate.MIN,
                LocalDate.MAX));
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.getYear() < 2200; day = day.plusDays(1)) {
            days.add(day);
        }
        for (LocalDate day : days) {
            assertThat(withModule.writeValueAsString(day))
                    .as(day.toString())
                    .isEqualTo(jackson.writeValueAsString(day));
        }
    }

    @Test
    void aMapperSetToWriteTimestampsOrAPropertyWithItsOwnFormatWritesWhatJacksonWrites() {
        record Dated(LocalDate day, @JsonFormat(pattern = "dd.MM.yyyy") LocalDate german) {}
        Dated dated = new Dated(LocalDate.of(2026, 8, 20), LocalDate.of(2026, 8, 20));
        JsonMapper timestamps = JsonMapper.builder()
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        JsonMapper timestampsWithModule = JsonMapper.builder()
                .addModule(IsoLocalDates.module())
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        assertThat(withModule.writeValueAsString(dated))
                .isEqualTo(jackson.writeValueAsString(dated))
                .contains("\"german\":\"20.08.2026\"");
        assertThat(timestampsWithModule.writeValueAsString(dated)).isEqualTo(timestamps.writeValueAsString(dated));
    }

    @Test
    void aPlainIsoDateIsReadWithoutJacksonsFormatterAndAnythingElseIsNot() {
        assertThat(IsoLocalDates.isoDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(IsoLocalDates.isoDate("2023-02-29")).isNull();
        assertThat(IsoLocalDates.isoDate("2024-1-011")).isNull();
        assertThat(IsoLocalDates.isoDate("+2024-01-1")).isNull();
    }

    @Test
    void aDateInsideARecordIsReadTheSameWay() {
        record Term(String id, LocalDate startDate, LocalDate endDate) {}
        String json = "{\"id\":\"t1\",\"startDate\":\"2026-08-20\",\"endDate\":null}";

        assertThat(withModule.readValue(json, Term.class)).isEqualTo(jackson.readValue(json, Term.class));
        assertThat(withModule.readValue(json, Term.class).startDate()).isEqualTo(LocalDate.of(2026, 8, 20));
    }

    @Test
    void theMapperWithTheModuleReadsDatesWithItWhetherAloneOrInARecord() {
        assertThat(withModule.readValue("\"x\"", Probe.class).deserializers())
                .isEqualTo(List.of(IsoLocalDates.class, IsoLocalDates.class));
        assertThat(jackson.readValue("\"x\"", Probe.class).deserializers()).doesNotContain(IsoLocalDates.class);
    }

    /** Which deserializers a mapper picks for a date read alone and for a date field of a record. */
    @JsonDeserialize(using = ProbeReader.class)
    record Probe(List<Class<?>> deserializers) {}

    record Dated(LocalDate day) {}

    static final class ProbeReader extends ValueDeserializer<Probe> {
        @Override
        public Probe deserialize(JsonParser p, DeserializationContext ctxt) {
            ValueDeserializer<Object> alone = ctxt.findRootValueDeserializer(ctxt.constructType(LocalDate.class));
            ValueDeserializer<Object> record = ctxt.findRootValueDeserializer(ctxt.constructType(Dated.class));
            ValueDeserializer<?> field = ((BeanDeserializerBase) record)
                    .findProperty(PropertyName.construct("day"))
                    .getValueDeserializer();
            return new Probe(List.of(alone.getClass(), field.getClass()));
        }
    }
}
