package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.time.LocalDate;

/** Demographics of one person; {@code sourcedId} is the person's. Flags are null when the source does not say. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Demographics(
        String sourcedId,
        LocalDate birthDate,
        String sex,
        Boolean americanIndianOrAlaskaNative,
        Boolean asian,
        Boolean blackOrAfricanAmerican,
        Boolean nativeHawaiianOrOtherPacificIslander,
        Boolean white,
        Boolean demographicRaceTwoOrMoreRaces,
        Boolean hispanicOrLatinoEthnicity,
        String countryOfBirthCode,
        String stateOfBirthAbbreviation,
        String cityOfBirth,
        String publicSchoolResidenceStatus)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.DEMOGRAPHICS;
    }
}
