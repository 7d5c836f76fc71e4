package com.rostersync.mapper.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.ThresholdBreach;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeletionThresholdTest {

    @Test
    void allowsFiftyOfFiveHundredOneStudentsAtTenPercent() {
        var decision = DeletionThreshold.decide(
                Map.of(EntityType.PERSON, ids(50)), Map.of(EntityType.PERSON, 501L), 10, false);
        assertThat(decision.held()).isEmpty();
        assertThat(decision.breaches()).isEmpty();
    }

    @Test
    void holdsFiftyOneOfFiveHundredOneStudentsAtTenPercent() {
        var decision = DeletionThreshold.decide(
                Map.of(EntityType.PERSON, ids(51)), Map.of(EntityType.PERSON, 501L), 10, false);
        assertThat(decision.held().get(EntityType.PERSON)).hasSize(51);
        ThresholdBreach breach = decision.breaches().get(0);
        assertThat(breach.entityType()).isEqualTo(EntityType.PERSON);
        assertThat(breach.toArchive()).isEqualTo(51);
        assertThat(breach.total()).isEqualTo(501);
        assertThat(breach.allowed()).isEqualTo(50);
        assertThat(breach.percent()).isCloseTo(10.18, org.assertj.core.data.Offset.offset(0.01));
        assertThat(breach.thresholdPercent()).isEqualTo(10.0);
    }

    @Test
    void holdsOnlyTheTypeThatBreaches() {
        var decision = DeletionThreshold.decide(
                Map.of(EntityType.PERSON, ids(51), EntityType.ENROLLMENT, ids(5)),
                Map.of(EntityType.PERSON, 501L, EntityType.ENROLLMENT, 1000L),
                10,
                false);
        assertThat(decision.held()).containsOnlyKeys(EntityType.PERSON);
    }

    @Test
    void approvalLetsEverythingThrough() {
        var decision = DeletionThreshold.decide(
                Map.of(EntityType.PERSON, ids(400)), Map.of(EntityType.PERSON, 501L), 10, true);
        assertThat(decision.held()).isEmpty();
        assertThat(decision.breaches()).isEmpty();
    }

    @Test
    void allowedIsTheFloorInDecimal() {
        assertThat(DeletionThreshold.allowed(501, 10)).isEqualTo(50);
        assertThat(DeletionThreshold.allowed(1000, 7.3)).isEqualTo(73);
        assertThat(DeletionThreshold.allowed(1, 10)).isZero();
        assertThat(DeletionThreshold.allowed(100, 0)).isZero();
    }

    private static Set<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "S" + i).collect(Collectors.toSet());
    }
}
