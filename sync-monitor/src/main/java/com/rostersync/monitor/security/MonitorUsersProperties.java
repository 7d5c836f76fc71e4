package com.rostersync.monitor.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rostersync.monitor.security.users.<name>.*}: who may use the console and the API, with which role, and where
 * the hash of their password is. No user (the default) means every page and API call is refused; the monitor is never
 * open by accident. The password of HTTP basic auth and the bearer token are the same secret.
 */
@Validated
@ConfigurationProperties("rostersync.monitor.security")
record MonitorUsersProperties(@DefaultValue Map<String, @Valid User> users) {

    MonitorUsersProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /**
     * One user. The hash is Spring Security's encoded form with its algorithm first ({@code {bcrypt}$2a$10$...}), given
     * either as {@code passwordHashRef}, the name of a secret (an environment variable or a file in
     * {@code rostersync.secrets.dir}) holding it, which is what a deployment uses, or inline as {@code passwordHash}.
     *
     * @param role               {@code viewer} reads; {@code operator} also approves and discards holds
     * @param passwordHashRef the secret that holds the password hash
     * @param passwordHash       the password hash itself, for a local run that has no secret store
     */
    record User(@NotNull Role role, String passwordHashRef, String passwordHash) {

        @AssertTrue(message = "set exactly one of password-hash-ref and password-hash")
        boolean isOneHashSource() {
            return blank(passwordHashRef) != blank(passwordHash);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        @Override
        public String toString() {
            return "User[role=" + role + ", passwordHashRef=" + passwordHashRef + "]";
        }
    }

    @Override
    public String toString() {
        return "MonitorUsersProperties[users=" + users + "]";
    }
}
