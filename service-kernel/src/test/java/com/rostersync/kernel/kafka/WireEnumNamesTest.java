package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.EntityType;
import com.rostersync.events.WireEnums;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.TermType;
import com.rostersync.events.run.ChangeAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WireEnumNamesTest {

    private static final List<Class<? extends Enum<?>>> CONTRACT_ENUMS = List.of(
            EntityType.class,
            ChangeKind.class,
            Role.class,
            TermType.class,
            ClassType.class,
            ScheduleType.class,
            OutcomeReason.class,
            Stage.class,
            ChangeAction.class);

    private final JsonMapper jackson = JsonMapper.builder().build();
    private final JsonMapper withModule =
            JsonMapper.builder().addModule(WireEnumNames.module()).build();

    enum Colour {
        RED,
        GREEN,
        UNKNOWN;

        static final AtomicInteger CREATOR_CALLS = new AtomicInteger();

        @JsonCreator
        public static Colour fromWire(String name) {
            CREATOR_CALLS.incrementAndGet();
            return WireEnums.read(Colour.class, name, UNKNOWN);
        }
    }

    @Test
    void readsAConstantsOwnNameWithoutCallingTheCreatorAndAnyOtherTextThroughIt() {
        assertThat(withModule.readValue("\"RED\"", Colour.class)).isEqualTo(Colour.RED);
        int before = Colour.CREATOR_CALLS.get();

        for (int i = 0; i < 100; i++) {
            assertThat(withModule.readValue("\"GREEN\"", Colour.class)).isEqualTo(Colour.GREEN);
        }
        assertThat(Colour.CREATOR_CALLS.get()).isEqualTo(before);

        assertThat(withModule.readValue("\"PURPLE\"", Colour.class)).isEqualTo(Colour.UNKNOWN);
        assertThat(Colour.CREATOR_CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void everyContractEnumReadsEveryShapeAsJacksonAloneDoes() {
        for (Class<? extends Enum<?>> type : CONTRACT_ENUMS) {
            List<String> values = new ArrayList<>();
            Arrays.stream(type.getEnumConstants()).forEach(constant -> values.add("\"" + constant.name() + "\""));
            values.addAll(List.of(
                    "\"A_NEWER_CONSTANT\"", "\"student\"", "\"\"", "\" STUDENT\"", "null", "1", "[\"UPSERT\"]", "{}"));
            for (String value : values) {
                assertThat(ReadOutcome.of(withModule, value, type))
                        .as(type.getSimpleName() + " " + value)
                        .isEqualTo(ReadOutcome.of(jackson, value, type));
            }
            assertThat(WireEnumNames.byName(type)).as(type.getSimpleName()).hasSize(type.getEnumConstants().length);
        }
    }

    @Test
    void enumFieldsOfARecordAndMapKeysAreReadTheSameWay() {
        record Row(Role role, EntityType type, Map<EntityType, Integer> counts) {}
        String json = "{\"role\":\"TEACHER\",\"type\":\"NEWER\",\"counts\":{\"PERSON\":3,\"NEWER\":1}}";

        Row read = withModule.readValue(json, Row.class);

        assertThat(read).isEqualTo(jackson.readValue(json, Row.class));
        assertThat(read.role()).isEqualTo(Role.TEACHER);
        assertThat(read.type()).isEqualTo(EntityType.UNKNOWN);
    }

    @Test
    void anEnumWithoutAStringCreatorIsLeftToJackson() {
        enum Plain {
            ONE
        }
        assertThat(WireEnumNames.byName(Plain.class)).isEmpty();
        assertThat(withModule.readValue("\"ONE\"", Plain.class)).isEqualTo(Plain.ONE);
    }
}
