package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.time.LocalDate;
import java.util.Map;

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
        String publicSchoolResidenceStatus,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public Demographics {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public Demographics(
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
            String publicSchoolResidenceStatus) {
        this(
                sourcedId,
                birthDate,
                sex,
                americanIndianOrAlaskaNative,
                asian,
                blackOrAfricanAmerican,
                nativeHawaiianOrOtherPacificIslander,
                white,
                demographicRaceTwoOrMoreRaces,
                hispanicOrLatinoEthnicity,
                countryOfBirthCode,
                stateOfBirthAbbreviation,
                cityOfBirth,
                publicSchoolResidenceStatus,
                Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.DEMOGRAPHICS;
    }
}
