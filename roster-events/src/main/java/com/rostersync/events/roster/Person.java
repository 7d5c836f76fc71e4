package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.util.List;
import java.util.Map;

/**
 * A person known to a school. Personal data (names, e-mail, phone) travels only inside roster events and snapshots;
 * no log line, outcome or e-mail may carry it. There is deliberately no password field (seed: usernames go, passwords
 * never). {@code userIds} maps an id type to an id ({@code {type:id}} in users.csv).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Person(
        String sourcedId,
        List<String> orgSourcedIds,
        Role role,
        String username,
        boolean enabled,
        String givenName,
        String familyName,
        String middleName,
        String identifier,
        String email,
        String sms,
        String phone,
        List<String> grades,
        Map<String, String> userIds,
        List<String> agentSourcedIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public Person {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public Person(
            String sourcedId,
            List<String> orgSourcedIds,
            Role role,
            String username,
            boolean enabled,
            String givenName,
            String familyName,
            String middleName,
            String identifier,
            String email,
            String sms,
            String phone,
            List<String> grades,
            Map<String, String> userIds,
            List<String> agentSourcedIds) {
        this(
                sourcedId,
                orgSourcedIds,
                role,
                username,
                enabled,
                givenName,
                familyName,
                middleName,
                identifier,
                email,
                sms,
                phone,
                grades,
                userIds,
                agentSourcedIds,
                Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.PERSON;
    }
}
