package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
        List<String> agentSourcedIds)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.PERSON;
    }
}
