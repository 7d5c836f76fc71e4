package com.rostersync.extractor.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmptyTypeGuardTest {

    final Tenant tenant = Tenants.jdbc("t", "jdbc:h2:mem:unused", List.of("S1"), Map.of());
    final EmptyTypeGuard guard = new EmptyTypeGuard();
    final List<RosterRecord> onlyTheSchool = List.of(new School("S1", "One", null, null, null));
    final SchoolHashes published = new SchoolHashes();

    @BeforeEach
    void twoPeopleAndOneDemographicsWerePublished() {
        published.put(EntityType.PERSON, "P1", "h1");
        published.put(EntityType.PERSON, "P2", "h2");
        published.put(EntityType.DEMOGRAPHICS, "P1", "d1");
    }

    @Test
    void peopleGoneFromAFullReadAreKeptAndTheirDemographicsWithThemUnderOneFailure() {
        EmptyTypeGuard.Verdict verdict = guard.judge(tenant, "S1", onlyTheSchool, null, published, Set.of());

        assertThat(verdict.carriedForward()).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.DEMOGRAPHICS);
        assertThat(verdict.failures()).extracting(FileFailure::file).containsExactly("person query");
    }

    @Test
    void anIncrementalReadMissingSomePeopleIsNotAnEmptyType() {
        EmptyTypeGuard.Verdict verdict =
                guard.judge(tenant, "S1", List.of(), Map.of(EntityType.PERSON, Set.of("P1")), published, Set.of());

        assertThat(verdict.carriedForward()).isEmpty();
        assertThat(verdict.failures()).isEmpty();
    }

    @Test
    void aTypeTheTenantAllowsToBeEmptyOrThatNeverHadRecordsIsLeftAlone() {
        Tenant allowing = Tenants.allowingEmpty(tenant, "users", "demographics");

        assertThat(guard.judge(allowing, "S1", onlyTheSchool, null, published, Set.of())
                        .carriedForward())
                .isEmpty();
        assertThat(guard.judge(tenant, "S1", onlyTheSchool, null, new SchoolHashes(), Set.of())
                        .failures())
                .isEmpty();
    }

    @Test
    void aHeldTypeStaysHeldUntilRecordsOfItAppear() {
        guard.judge(tenant, "S1", onlyTheSchool, null, published, Set.of());

        assertThat(guard.judge(tenant, "S1", List.of(), Map.of(), published, Set.of())
                        .carriedForward())
                .as("an incremental read that saw nothing")
                .contains(EntityType.PERSON);
        RosterRecord back = new com.rostersync.events.roster.Person(
                "P3",
                List.of("S1"),
                null,
                "p3",
                true,
                "A",
                "B",
                null,
                null,
                null,
                null,
                null,
                List.of(),
                Map.of(),
                List.of());
        assertThat(guard.judge(tenant, "S1", List.of(back), Map.of(), published, Set.of())
                        .carriedForward())
                .doesNotContain(EntityType.PERSON);
    }
}
