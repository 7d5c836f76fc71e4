package com.rostersync.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsStayInTheSisTest {

    @Test
    void aQueryNamingAPasswordColumnInAnySpellingIsCaught() {
        assertThat(PasswordsStayInTheSis.selectsPassword("select person_id, Password from people"))
                .isTrue();
        assertThat(PasswordsStayInTheSis.selectsPassword("select person_id, p.passwd from people p"))
                .isTrue();
        assertThat(PasswordsStayInTheSis.selectsPassword("select pass as x from people"))
                .isTrue();
    }

    @Test
    void columnsThatOnlyContainTheWordAreNot() {
        assertThat(PasswordsStayInTheSis.selectsPassword("select person_id, password_changed_at from people"))
                .isFalse();
        assertThat(PasswordsStayInTheSis.selectsPassword("select passport_number, compass from people"))
                .isFalse();
    }
}
