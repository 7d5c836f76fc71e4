package com.rostersync.monitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.monitor.security.MonitorUsersProperties.User;
import com.rostersync.tenants.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class MonitorUsersTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String HASH = new BCryptPasswordEncoder(4).encode("s3cret-password-123");

    @TempDir
    Path secrets;

    @Test
    void readsAPasswordHashFromASecretFileAndGrantsTheRole() throws Exception {
        Files.writeString(secrets.resolve("MONITOR_PASSWORD_HASH_ANNA"), "{bcrypt}" + HASH + "\n");
        MonitorUsers users = MonitorUsers.of(
                new MonitorUsersProperties(Map.of("anna", new User(Role.OPERATOR, "MONITOR_PASSWORD_HASH_ANNA", null))),
                new SecretResolver(Map.of(), secrets),
                ENCODER);

        assertThat(ENCODER.matches(
                        "s3cret-password-123", users.loadUserByUsername("anna").getPassword()))
                .isTrue();
        assertThat(users.loadUserByUsername("anna").getAuthorities())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(users.byToken("s3cret-password-123"))
                .hasValueSatisfying(user -> assertThat(user.getUsername()).isEqualTo("anna"));
        assertThat(users.byToken("wrong")).isEmpty();
    }

    @Test
    void acceptsABareBcryptHashAsHtpasswdWritesIt() {
        MonitorUsers users = MonitorUsers.of(
                new MonitorUsersProperties(Map.of("ben", new User(Role.VIEWER, null, HASH.replace("$2a$", "$2y$")))),
                new SecretResolver(Map.of(), secrets),
                ENCODER);
        assertThat(users.loadUserByUsername("ben").getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_VIEWER");
        assertThat(users.byToken("s3cret-password-123")).isPresent();
    }

    @Test
    void aMissingSecretFailsNamingTheUsersProperty() {
        assertThatThrownBy(() -> MonitorUsers.of(
                        new MonitorUsersProperties(Map.of("anna", new User(Role.OPERATOR, "NOT_THERE", null))),
                        new SecretResolver(Map.of(), secrets),
                        ENCODER))
                .hasMessageContaining("NOT_THERE")
                .hasMessageContaining("rostersync.monitor.security.users.anna.password-hash-ref");
    }

    @Test
    void aPlainPasswordInsteadOfAHashFailsWithoutShowingIt() {
        for (String notAHash : new String[] {"plain-password-here", "{noop}plain-password-here"}) {
            assertThatThrownBy(() -> MonitorUsers.of(
                            new MonitorUsersProperties(Map.of("anna", new User(Role.OPERATOR, null, notAHash))),
                            new SecretResolver(Map.of(), secrets),
                            ENCODER))
                    .hasMessageContaining("rostersync.monitor.security.users.anna")
                    .hasMessageContaining("{bcrypt}")
                    .hasMessageNotContaining("plain-password-here");
        }
    }

    @Test
    void aUserNeedsExactlyOneSourceOfItsHash() {
        assertThat(new User(Role.VIEWER, "A_SECRET", null).isOneHashSource()).isTrue();
        assertThat(new User(Role.VIEWER, null, HASH).isOneHashSource()).isTrue();
        assertThat(new User(Role.VIEWER, null, null).isOneHashSource()).isFalse();
        assertThat(new User(Role.VIEWER, "A_SECRET", HASH).isOneHashSource()).isFalse();
        assertThat(new User(Role.VIEWER, "A_SECRET", HASH).toString()).doesNotContain(HASH);
    }

    @Test
    void theRetiredApiTokenSettingFailsStartUpPointingToTheUsers() {
        MockEnvironment retired =
                new MockEnvironment().withProperty("rostersync.monitor.api.tokens.anna", "t0ken-0123456789abc");
        assertThatThrownBy(() -> MonitorSecurityConfig.refuseRetiredTokens(retired))
                .hasMessageContaining("rostersync.monitor.security.users")
                .hasMessageNotContaining("t0ken-0123456789abc");
        MonitorSecurityConfig.refuseRetiredTokens(
                new MockEnvironment().withProperty("rostersync.monitor.security.users.anna.role", "viewer"));
    }

    @Test
    void aTokenThatMatchedIsNotHashCheckedAgainButAWrongOneAlwaysIs() {
        AtomicInteger checks = new AtomicInteger();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return ENCODER.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                return ENCODER.matches(raw, encoded);
            }
        };
        MonitorUsers users = MonitorUsers.of(
                new MonitorUsersProperties(Map.of("anna", new User(Role.OPERATOR, null, "{bcrypt}" + HASH))),
                new SecretResolver(Map.of(), secrets),
                counting);

        assertThat(users.byToken("s3cret-password-123")).isPresent();
        assertThat(users.byToken("s3cret-password-123"))
                .hasValueSatisfying(user -> assertThat(user.getAuthorities()).hasSize(2));
        assertThat(checks)
                .as("the second call is answered from the verified tokens")
                .hasValue(1);
        assertThat(users.byToken("wrong")).isEmpty();
        assertThat(users.byToken("wrong")).isEmpty();
        assertThat(checks).as("a wrong token is checked every time").hasValue(3);
    }
}
