package com.rostersync.mapper.snapshot;

import com.rostersync.events.roster.Role;
import java.util.Locale;
import java.util.Set;

/** The OneRoster 1.1 vocabularies the canonical model leaves open (grades, sex, enrollment roles). */
public final class Vocabulary {

    /** CEDS grade levels, as the OneRoster 1.1 CSV binding lists them. */
    public static final Set<String> GRADES = Set.of(
            "IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
            "PS", "UG", "Other");

    /** enrollments.csv role; users.csv allows every {@link Role}. */
    public static final Set<Role> ENROLLMENT_ROLES =
            Set.of(Role.ADMINISTRATOR, Role.PROCTOR, Role.STUDENT, Role.TEACHER);

    private Vocabulary() {}

    /** demographics.csv sex as 1.1 spells it ({@code male}, {@code female}); SIS codes M and F are accepted. */
    public static String sex(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> "male";
            case "f", "female" -> "female";
            default -> value.strip();
        };
    }

    public static boolean isValidSex(String value) {
        String normalized = sex(value);
        return normalized == null || normalized.equals("male") || normalized.equals("female");
    }
}
