package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchoolsNotFoundTest {

    private final Tenant maple = Tenants.folderDrop("maple", "/drops/maple", List.of("MHS", "MMS", "MES"));

    @Test
    void namesEveryConfiguredSchoolTheSourceLacksInConfiguredOrder() {
        assertThat(SchoolsNotFound.in(maple, Set.of("MMS", "OTHER"))).containsExactly("MHS", "MES");
        assertThat(SchoolsNotFound.message(maple, List.of("MHS", "MES")))
                .isEqualTo("tenant maple: 2 configured school(s) not in the source: MHS, MES; nothing was published");
    }

    @Test
    void noSchoolIsMissingWhenTheSourceHasThemAllOrCannotTell() {
        assertThat(SchoolsNotFound.in(maple, Set.of("MHS", "MMS", "MES", "EXTRA")))
                .isEmpty();
        assertThat(SchoolsNotFound.in(maple, null)).isEmpty();
    }
}
