package com.rostersync.mapper.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeletionThresholdTest {

    @Test
    void allowsFiftyOfFiveHundredOneStudentsAtTenPercent() {
        var decision = DeletionThreshold.judge(archives(students(50)), Set.of(), students(501), 10);
        assertThat(decision.overLimit()).isFalse();
        assertThat(decision.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.counted()).isEqualTo("students");
            assertThat(entry.toArchive()).isEqualTo(50);
            assertThat(entry.allowed()).isEqualTo(50);
            assertThat(entry.exceeds()).isFalse();
        });
    }

    @Test
    void holdsFiftyOneOfFiveHundredOneStudentsAtTenPercent() {
        var decision = DeletionThreshold.judge(archives(students(51)), Set.of(), students(501), 10);
        assertThat(decision.overLimit()).isTrue();
        ThresholdBreach breach = decision.entries().get(0);
        assertThat(breach.counted()).isEqualTo("students");
        assertThat(breach.toArchive()).isEqualTo(51);
        assertThat(breach.total()).isEqualTo(501);
        assertThat(breach.allowed()).isEqualTo(50);
        assertThat(breach.percent()).isCloseTo(10.18, org.assertj.core.data.Offset.offset(0.01));
        assertThat(breach.thresholdPercent()).isEqualTo(10.0);
        assertThat(breach.exceeds()).isTrue();
    }

    @Test
    void countsStudentsApartFromStaff() {
        List<RosterRecord> published = new ArrayList<>(students(501));
        for (int i = 0; i < 22; i++) {
            published.add(Fixtures.teacher());
        }
        var decision = DeletionThreshold.judge(archives(students(51)), Set.of(), published, 10);
        assertThat(decision.overLimit()).isTrue();
        assertThat(decision.entries())
                .singleElement()
                .extracting(ThresholdBreach::total)
                .isEqualTo(501L);
    }

    @Test
    void listsEveryKindWithArchivesAndMarksOnlyTheOnesOverTheirLimit() {
        List<RosterRecord> published = new ArrayList<>(students(501));
        List<RosterRecord> enrollments = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            enrollments.add(Fixtures.enrollment("E" + i, "SEC-1", "S" + i, Role.STUDENT, null));
        }
        published.addAll(enrollments);
        Map<RecordKey, RosterRecord> archives = archives(students(5));
        archives.putAll(archives(enrollments.subList(0, 101)));

        var decision = DeletionThreshold.judge(archives, Set.of(), published, 10);

        assertThat(decision.overLimit()).isTrue();
        assertThat(decision.entries())
                .extracting(ThresholdBreach::counted, ThresholdBreach::toArchive, ThresholdBreach::exceeds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("students", 5L, false),
                        org.assertj.core.groups.Tuple.tuple("enrollments", 101L, true));
    }

    @Test
    void exemptArchivesAreListedButDoNotCountAgainstTheLimit() {
        Map<RecordKey, RosterRecord> archives = archives(students(400));
        var decision = DeletionThreshold.judge(archives, archives.keySet(), students(501), 10);
        assertThat(decision.overLimit()).isFalse();
        assertThat(decision.entries())
                .singleElement()
                .extracting(ThresholdBreach::toArchive)
                .isEqualTo(400L);
    }

    @Test
    void allowedIsTheFloorInDecimal() {
        assertThat(DeletionThreshold.allowed(501, 10)).isEqualTo(50);
        assertThat(DeletionThreshold.allowed(1000, 7.3)).isEqualTo(73);
        assertThat(DeletionThreshold.allowed(1, 10)).isZero();
        assertThat(DeletionThreshold.allowed(100, 0)).isZero();
    }

    private static List<RosterRecord> students(int n) {
        List<RosterRecord> students = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            students.add(Fixtures.student("S" + i, "G", "F"));
        }
        return students;
    }

    private static Map<RecordKey, RosterRecord> archives(List<? extends RosterRecord> records) {
        return new java.util.TreeMap<>(Fixtures.keyed(List.copyOf(records)));
    }
}
