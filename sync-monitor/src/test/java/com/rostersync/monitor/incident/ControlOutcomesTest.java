package com.rostersync.monitor.incident;

import static com.rostersync.monitor.incident.Outcomes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.run.ChangeAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The update, create and destination-guard incidents, and what a paused or dry-run publish resolves and counts. */
class ControlOutcomesTest {

    private final IncidentBook book = new IncidentBook();

    @Test
    void anUpdateBreachOpensAnUpdateThresholdIncidentNotADeletionOne() {
        book.apply(Outcomes.updatesHeld("maple", "MHS"), T0);

        assertThat(book.open()).extracting(Incident::id).containsExactly("MAP/maple/MHS/UPDATE_THRESHOLD");
        assertThat(book.open().get(0).details().heldArchives()).isEqualTo(80);
    }

    @Test
    void aCreateBreachOpensACreateThresholdIncidentAndApprovalResolvesIt() {
        book.apply(
                Outcomes.map(
                        "maple",
                        "MHS",
                        OutcomeReason.CREATE_THRESHOLD,
                        List.of(new ThresholdBreach(
                                EntityType.PERSON,
                                30,
                                100,
                                20,
                                30.0,
                                20.0,
                                "students",
                                true,
                                ChangeAction.CREATED,
                                List.of("NEW-1"))),
                        List.of()),
                T0);
        assertThat(book.open()).extracting(Incident::id).containsExactly("MAP/maple/MHS/CREATE_THRESHOLD");

        book.apply(Outcomes.snapshotReady("maple", "MHS"), T0.plusSeconds(60));

        assertThat(book.open()).isEmpty();
    }

    @Test
    void theDestinationGuardOpensAnIncidentOfThatDestination() {
        book.apply(
                Outcomes.publish(
                        "maple",
                        "clever-oak",
                        OutcomeReason.DESTINATION_GUARD,
                        T0,
                        List.of(),
                        "destination clever-oak of tenant maple is not bound to schools [MHS]"),
                T0);

        assertThat(book.open()).extracting(Incident::id).containsExactly("PUBLISH/maple/clever-oak/DESTINATION_GUARD");
    }

    @Test
    void aPausedOrDryRunPublishResolvesTheGuardButNotAConnectionItNeverTried() {
        book.apply(Outcomes.publish("maple", "d1", OutcomeReason.DESTINATION_CREDENTIALS, T0, List.of()), T0);
        book.apply(Outcomes.publish("maple", "d2", OutcomeReason.DESTINATION_GUARD, T0, List.of()), T0);

        book.apply(Outcomes.publish("maple", "d1", OutcomeReason.PAUSED, T0.plusSeconds(60), List.of()), T0);
        book.apply(Outcomes.publish("maple", "d2", OutcomeReason.DRY_RUN, T0.plusSeconds(60), List.of()), T0);

        assertThat(book.open()).extracting(Incident::id).containsExactly("PUBLISH/maple/d1/DESTINATION_CREDENTIALS");
        assertThat(OutcomeReason.PAUSED.isFailure()).isFalse();
        assertThat(OutcomeReason.DRY_RUN.isFailure()).isFalse();
    }

    @Test
    void aPausedOrDryRunDistrictIsNotStale() {
        DistrictFreshness freshness = new DistrictFreshness();
        freshness.track("maple", T0);

        assertThat(freshness.record(
                        Outcomes.publish("maple", "d1", OutcomeReason.PAUSED, T0.plusSeconds(3600), List.of())))
                .contains(T0.plusSeconds(3600));
        assertThat(freshness.record(
                        Outcomes.publish("maple", "d1", OutcomeReason.DRY_RUN, T0.plusSeconds(7200), List.of())))
                .contains(T0.plusSeconds(7200));
    }
}
