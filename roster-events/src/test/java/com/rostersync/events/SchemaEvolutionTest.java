package com.rostersync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.events.roster.TermType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Newer producers, older consumers: what this build reads, and what it refuses and how it says so. */
class SchemaEvolutionTest {

    /** A plain mapper: the records and enums themselves, not mapper settings, must make consumers tolerant. */
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDiscardReadByAMapperThatKnowsOnlyApprovalsApprovesNoDeletion() throws Exception {
        String discard = json.writeValueAsString(
                new DiscardHold("cmd-9", "maple", "MHS", "ops-lead", java.time.Instant.EPOCH, "export cut short"));

        ApproveHold asApproval = json.readValue(discard, ApproveHold.class);

        assertThat(asApproval.deletions())
                .as("an approval of 0 deletions releases nothing while anything is held")
                .isZero();
    }

    @Test
    void unknownOutcomeReasonAndStageReadAsUnknownNotAsAnError() {
        SyncOutcome outcome = json.readValue(
                """
                {"schemaVersion":1,"schemaMinor":7,"outcomeId":"o-9","stage":"RECONCILE",
                 "reason":"QUOTA_EXCEEDED","tenantId":"maple"}""",
                SyncOutcome.class);

        assertThat(outcome.reason()).isEqualTo(OutcomeReason.UNKNOWN);
        assertThat(outcome.reason().isFailure()).isTrue();
        assertThat(outcome.stage()).isEqualTo(Stage.UNKNOWN);
    }

    @Test
    void unknownConstantsOfEveryRosterEnumReadAsUnknown() {
        RecordChanged changed = (RecordChanged) json.readValue(
                """
                {"eventType":"RecordChanged","schemaVersion":1,"kind":"MERGE","entityType":"LINE_ITEM",
                 "record":{"entity":"ENROLLMENT","sourcedId":"e1","role":"COACH"}}""",
                RosterChangeEvent.class);
        Term term = (Term) json.readValue(
                "{\"entity\":\"TERM\",\"sourcedId\":\"t1\",\"type\":\"TRIMESTER\",\"schoolYear\":2027}",
                com.rostersync.events.roster.RosterRecord.class);
        Section section = (Section) json.readValue(
                "{\"entity\":\"SECTION\",\"sourcedId\":\"s1\",\"classType\":\"LAB\",\"scheduleType\":\"ROTATING\"}",
                com.rostersync.events.roster.RosterRecord.class);

        assertThat(changed.kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(changed.entityType()).isEqualTo(EntityType.UNKNOWN);
        assertThat(((Enrollment) changed.record()).role()).isEqualTo(Role.UNKNOWN);
        assertThat(term.type()).isEqualTo(TermType.UNKNOWN);
        assertThat(section.classType()).isEqualTo(ClassType.UNKNOWN);
        assertThat(section.scheduleType()).isEqualTo(ScheduleType.UNKNOWN);
    }

    @Test
    void unknownEntityTypeAsAMapKeyReadsAsUnknown() {
        CycleCompleted completed = (CycleCompleted) json.readValue(
                """
                {"eventType":"CycleCompleted","schemaVersion":1,"counts":{"PERSON":{"total":3,"upserted":0,"deleted":0},"LINE_ITEM":{"total":1,"upserted":1,"deleted":0}},
                 "carriedForward":["LINE_ITEM"]}""",
                RosterChangeEvent.class);

        assertThat(completed.counts()).containsKeys(EntityType.PERSON, EntityType.UNKNOWN);
        assertThat(completed.carriedForward()).containsExactly(EntityType.UNKNOWN);
    }

    @Test
    void aHigherMinorOfTheSameMajorIsReadAndItsNewFieldsIgnored() {
        SyncOutcome outcome = json.readValue(
                "{\"schemaVersion\":1,\"schemaMinor\":9,\"reason\":\"UPLOADED\",\"addedIn19\":{\"x\":[1]}}",
                SyncOutcome.class);

        SchemaVersion.check(outcome.schemaVersion(), outcome.schemaMinor(), "roster.outcomes.v1-0@5");
        assertThat(SchemaVersion.isNewerRevision(outcome.schemaVersion(), outcome.schemaMinor()))
                .isTrue();
        assertThat(outcome.reason()).isEqualTo(OutcomeReason.UPLOADED);
    }

    @Test
    void anEventWrittenBeforeVersionsHadAMinorReadsAsRevisionZero() {
        SyncOutcome outcome = json.readValue("{\"schemaVersion\":1,\"reason\":\"UPLOADED\"}", SyncOutcome.class);

        assertThat(outcome.schemaMinor()).isZero();
        SchemaVersion.check(outcome.schemaVersion(), outcome.schemaMinor(), "roster.outcomes.v1-0@5");
        assertThat(SchemaVersion.isNewerRevision(outcome.schemaVersion(), outcome.schemaMinor()))
                .isFalse();
    }

    @Test
    void aNewerMajorIsRefusedNamingTheRecordAndBothVersions() {
        SyncOutcome outcome =
                json.readValue("{\"schemaVersion\":2,\"schemaMinor\":0,\"reason\":\"UPLOADED\"}", SyncOutcome.class);

        assertThatThrownBy(() -> SchemaVersion.check(
                        outcome.schemaVersion(), outcome.schemaMinor(), SchemaVersion.where(Topics.OUTCOMES, 3, 42)))
                .isInstanceOf(UnreadableSchemaVersionException.class)
                .hasMessageContaining("roster.outcomes.v1-3@42")
                .hasMessageContaining("schema version 2.0")
                .hasMessageContaining("reads major version 1");
    }
}
