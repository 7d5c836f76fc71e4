package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.util.List;

/**
 * One record in a change report: its type and sourcedId, the names of the fields that changed (never their values),
 * and for a record left out or held, the rule that decided it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeRow(
        ChangeAction action, EntityType entityType, String sourcedId, List<String> fields, String rule) {

    public ChangeRow {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
