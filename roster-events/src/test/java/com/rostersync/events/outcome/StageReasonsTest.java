package com.rostersync.events.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageReasonsTest {

    @Test
    void everyReasonAStageSendsIsListedForAStageSoItsSeriesExistsFromTheStart() {
        Set<OutcomeReason> listed = EnumSet.noneOf(OutcomeReason.class);
        for (Stage stage : Stage.values()) {
            listed.addAll(stage.reasons());
        }

        assertThat(EnumSet.complementOf(EnumSet.copyOf(listed)))
                .as("reasons no stage sends: the monitor raises STALE itself, UNKNOWN is read, never sent")
                .containsExactlyInAnyOrder(OutcomeReason.STALE, OutcomeReason.UNKNOWN);
    }

    @Test
    void onlyThePublisherReportsWhatHappenedAtADestination() {
        assertThat(Stage.PUBLISH.reasons())
                .contains(OutcomeReason.DESTINATION_GUARD, OutcomeReason.PAUSED, OutcomeReason.DRY_RUN);
        assertThat(Stage.MAP.reasons()).doesNotContain(OutcomeReason.UPLOADED, OutcomeReason.PAUSED);
        assertThat(Stage.MONITOR.reasons()).isEmpty();
    }
}
