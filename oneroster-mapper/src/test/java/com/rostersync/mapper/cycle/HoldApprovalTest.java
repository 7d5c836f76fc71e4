package com.rostersync.mapper.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.mapper.roster.SchoolMeta;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldApprovalTest {

    private final SchoolMeta holding = new SchoolMeta(3, "h", false, Map.of(EntityType.PERSON, 51L), false, null);

    @Test
    void anApprovalCoveringWhatIsHeldNowReleasesIt() {
        assertThat(HoldApproval.judge(HoldApproval.approve(holding, 51L), true, 51)
                        .released())
                .isTrue();
        assertThat(HoldApproval.judge(HoldApproval.approve(holding, null), true, 900)
                        .released())
                .isTrue();
    }

    @Test
    void anApprovalForFewerThanAreHeldNowReleasesNothingAndSaysSo() {
        HoldApproval.Verdict verdict = HoldApproval.judge(HoldApproval.approve(holding, 50L), true, 51);

        assertThat(verdict.released()).isFalse();
        assertThat(verdict.note()).contains("an approval for 50 deletions did not cover the 51 now held");
    }

    @Test
    void withoutAnApprovalOrAHoldNothingIsReleased() {
        assertThat(HoldApproval.judge(holding, true, 51)).isEqualTo(new HoldApproval.Verdict(false, ""));
        assertThat(HoldApproval.judge(HoldApproval.approve(holding, 51L), false, 0)
                        .released())
                .isFalse();
    }

    @Test
    void theCycleThatJudgedAnApprovalUsesItUp() {
        SchoolMeta next = HoldApproval.afterCycle(4, "h2", Map.of());

        assertThat(next.holdApproved()).isFalse();
        assertThat(next.approvedDeletions()).isNull();
        assertThat(next.version()).isEqualTo(4);
    }
}
