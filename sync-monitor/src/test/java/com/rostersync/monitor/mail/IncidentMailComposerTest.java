package com.rostersync.monitor.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentBook;
import com.rostersync.monitor.incident.MailKind;
import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistryLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentMailComposerTest {

    private final IncidentMailComposer composer = new IncidentMailComposer(URI.create("https://sync.example.org/m/"));
    private final Tenant maple = registry().tenant("maple").orElseThrow();

    @Test
    void thresholdMailGivesTheCountsTheSeedAdviceAndTheApprovalLink() {
        IncidentMail mail = composer.compose(MailKind.OPENED, only(Outcomes.thresholdHeld("maple", "MHS")), maple);

        assertThat(mail.to()).containsExactly("lead@maple.example.org");
        assertThat(mail.subject())
                .isEqualTo(
                        "[Roster sync] Action needed: Deletions held: the deletion threshold was reached (school MHS, Maple "
                                + "Unified)");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body)
                    .contains(
                            "Maple Unified",
                            "school MHS",
                            "120 user records of 501 to archive (over the 50 allowed at 10%): held.",
                            "Check if the number of records to archive looks reasonable",
                            "raise the deletion threshold",
                            "https://sync.example.org/m/api/holds/maple/MHS");
        }
        assertThat(mail.html()).contains("<a href=\"https://sync.example.org/m/api/holds/maple/MHS\"");
    }

    @Test
    void updateHoldMailNamesTheHeldUpdatesTheirFirstIdsAndBothApproveAndDiscard() {
        IncidentMail mail = composer.compose(MailKind.OPENED, only(Outcomes.updatesHeld("maple", "MHS")), maple);

        assertThat(mail.subject()).contains("Updates held: the update threshold was reached (school MHS");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body)
                    .contains(
                            "80 students of 100 to update (over the 75 allowed at 75%): held.",
                            "First held sourcedIds: stu-1, stu-2, ...",
                            "giving the count you reviewed",
                            "discard the hold with a reason",
                            "https://sync.example.org/m/api/holds/maple/MHS");
        }
    }

    @Test
    void destinationGuardMailNamesTheDestinationAndTheSchools() {
        IncidentMail mail = composer.compose(
                MailKind.OPENED,
                only(Outcomes.publish(
                        "maple",
                        "clever-oak",
                        OutcomeReason.DESTINATION_GUARD,
                        Outcomes.T0,
                        List.of(),
                        "destination clever-oak of tenant maple is not bound to schools [MHS]")),
                maple);

        assertThat(mail.subject()).contains("destination clever-oak");
        assertThat(mail.text())
                .contains("Destination: clever-oak", "not bound to schools [MHS]", "allowedSchoolIds")
                .doesNotContain("/api/holds/");
    }

    @Test
    void resolvedMailSaysNoActionIsNeededAndHasNoApprovalLink() {
        IncidentBook book = new IncidentBook();
        book.apply(Outcomes.thresholdHeld("maple", "MHS"), Outcomes.T0);
        Incident resolved = book.apply(Outcomes.snapshotReady("maple", "MHS"), Outcomes.T0.plusSeconds(60))
                .get(0);

        IncidentMail mail = composer.compose(MailKind.RESOLVED, resolved, maple);

        assertThat(mail.subject()).startsWith("[Roster sync] Resolved: Deletions held");
        assertThat(mail.text()).contains("No action is needed").doesNotContain("/api/holds/", "What to do");
        assertThat(mail.html()).contains("No action is needed").doesNotContain("/api/holds/");
    }

    @Test
    void schoolsNotFoundListsTheIdsAndAsksToCheckForTypos() {
        IncidentMail mail = composer.compose(
                MailKind.REMINDER,
                only(Outcomes.extract("maple", OutcomeReason.CYCLE_COMPLETED, List.of("MXX", "MYY"))),
                maple);

        assertThat(mail.subject()).startsWith("[Roster sync] Reminder, still open: Schools to sync are not found");
        assertThat(mail.text())
                .contains(
                        "Reminder: this problem is still open",
                        "the whole district",
                        "MXX, MYY",
                        "make sure they don't have any typos");
    }

    @Test
    void fileFailureNamesFileLineAndReasonAndTheFileChecks() {
        var failure = new FileFailure("users.csv", 12, "role", "unknown role");
        IncidentMail mail = composer.compose(
                MailKind.OPENED,
                only(Outcomes.publish("maple", "clever-maple", OutcomeReason.UPLOADED, Outcomes.T0, List.of(failure))),
                maple);

        assertThat(mail.html())
                .contains(
                        "File users.csv, line 12, field role: unknown role",
                        "verify it isn&#39;t corrupted, empty, or formatted incorrectly",
                        "unexpected file types");
    }

    @Test
    void holdMailStatesPerKindWhatWasHeldAndThatNothingWasArchived() {
        IncidentMail mail = composer.compose(MailKind.OPENED, only(Outcomes.hold("maple", "MHS", 51)), maple);

        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body)
                    .contains(
                            "51 students of 501 to archive (over the 50 allowed at 10%): held.",
                            "306 enrollments of 3,030 to archive (over the 303 allowed at 10%): held.",
                            "51 demographics of 501 to archive: held with them.",
                            "Nothing was archived: new and updated records kept flowing",
                            "https://sync.example.org/m/api/holds/maple/MHS");
        }
    }

    @Test
    void idChurnMailCountsTheChangedIdsGivesFiveExamplesByFieldNameAndTheApprovalLink() {
        IncidentMail mail = composer.compose(MailKind.OPENED, only(Outcomes.idChurn("maple", "MHS", 77)), maple);

        assertThat(mail.subject()).startsWith("[Roster sync] Action needed: Records changed id");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body)
                    .contains(
                            "77 records changed id",
                            "P1 \u2192 NEW-P1 (matched on username)",
                            "P5 \u2192 NEW-P5 (matched on username)",
                            "77 users of 77 to archive: held with them.",
                            "420 enrollments of 420 to archive: held with them.",
                            "approving archives the old ids and creates the new ones",
                            "https://sync.example.org/m/api/holds/maple/MHS")
                    .doesNotContain("NEW-P6");
        }
    }

    @Test
    void destinationCredentialsMailNamesTheSftpLoginAndNeverTheSecret() {
        IncidentMail mail = composer.compose(
                MailKind.OPENED,
                only(Outcomes.publish(
                        "maple",
                        "clever-maple",
                        OutcomeReason.DESTINATION_CREDENTIALS,
                        Outcomes.T0,
                        List.of(),
                        "destination clever-maple (SFTP login maple-clever@sftp.clever.example:22): authentication"
                                + " rejected")),
                maple);

        assertThat(mail.text())
                .contains("Login refused: maple-clever@sftp.clever.example:22 (SFTP username @ host)")
                .contains("Wrong credentials for the SFTP destination");
    }

    @Test
    void credentialsMailAsksToCheckTheCredentials() {
        IncidentMail mail = composer.compose(
                MailKind.OPENED, only(Outcomes.extract("maple", OutcomeReason.SOURCE_CREDENTIALS, List.of())), maple);

        assertThat(mail.text()).contains("Wrong credentials", "Check the credentials");
    }

    @Test
    void validationIsSummarisedWithIdsAndTheBrokenRulesOnly() {
        IncidentMail mail = composer.compose(MailKind.OPENED, only(Outcomes.invalidRecords("maple", "MMS")), maple);

        assertThat(mail.text())
                .contains(
                        "users.csv: 2 record(s) left out, for example sourcedId stu-1, stu-2 (username: required)",
                        "enrollments.csv: 1 record(s) left out, for example sourcedId enr-9 (classSourcedId: unknown class)");
    }

    private static Incident only(com.rostersync.events.outcome.SyncOutcome outcome) {
        IncidentBook book = new IncidentBook();
        List<Incident> opened = book.apply(outcome, Outcomes.T0).stream()
                .filter(i -> i.reason() != OutcomeReason.CYCLE_COMPLETED)
                .toList();
        return opened.stream()
                .filter(i -> i.reason() != OutcomeReason.SCHOOLS_NOT_FOUND || opened.size() == 1)
                .findFirst()
                .orElseThrow();
    }

    private static com.rostersync.tenants.TenantRegistry registry() {
        try (InputStream in = IncidentMailComposerTest.class.getResourceAsStream("/tenants-monitor-test.yml")) {
            return TenantRegistryLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
