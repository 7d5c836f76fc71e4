package com.rostersync.tenants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.UniqueElements;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The registry file as written: every field optional at this level, so that Jackson reads a half-right file whole and
 * Bean Validation names every problem at once. {@link TenantRegistryLoader} turns a valid file into the registry's
 * records, filling in the defaults.
 */
record RegistryFile(@NotEmpty(message = "must list at least one tenant") List<@Valid TenantEntry> tenants) {

    /** The message whose violations read "parent: field is required". */
    static final String REQUIRED = "is required";

    record TenantEntry(
            @NotBlank(message = REQUIRED)
                    @Pattern(
                            regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
                            message = "must be letters, digits, '.', '_' or '-'")
                    String id,
            String name,
            @NotNull(message = REQUIRED) @Valid SourceEntry source,
            @NotEmpty(message = "must list at least one school id") @UniqueElements(message = "lists a school twice")
                    // Message keys join tenant, school, type and record id with '/' (roster-events Keys).
                    List<@Pattern(regexp = "[^/]*", message = "may not contain '/'") String> schoolIds,
            @DecimalMin(value = "0", message = "must be between 0 and 100")
                    @DecimalMax(value = "100", message = "must be between 0 and 100")
                    Double deletionThresholdPercent,
            @DurationMin(seconds = 1, message = "must be at least 1s") Duration syncInterval,
            List<@Valid DestinationEntry> destinations,
            List<
                            @Pattern(
                                    regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
                                    message = "has an entry that is not an e-mail address")
                            String>
                    leaders,
            List<String> allowEmpty,
            @Valid ThresholdsEntry thresholds,
            Map<String, @Valid ThresholdsEntry> schoolThresholds,
            String timeZone,
            List<@Valid PauseEntry> pauses,
            @Pattern(regexp = "live|dry-run", message = "must be live or dry-run") String mode) {

        @AssertTrue(message = "set the archive threshold once: deletionThresholdPercent or thresholds.archivePercent")
        boolean isArchiveThresholdSetOnce() {
            return deletionThresholdPercent == null || thresholds == null || thresholds.archivePercent() == null;
        }
    }

    /** Shares of a school's published records of one kind that one cycle may archive, update or create. */
    record ThresholdsEntry(
            @DecimalMin(value = "0", message = "must be between 0 and 100")
                    @DecimalMax(value = "100", message = "must be between 0 and 100")
                    Double archivePercent,
            @DecimalMin(value = "0", message = "must be between 0 and 100")
                    @DecimalMax(value = "100", message = "must be between 0 and 100")
                    Double updatePercent,
            @DecimalMin(value = "0", message = "must be between 0 and 100")
                    @DecimalMax(value = "100", message = "must be between 0 and 100")
                    Double createPercent) {}

    /** One pause: a single {@code date}, a range {@code from}..{@code to}, or {@code everyYear} from..to (MM-DD). */
    record PauseEntry(String date, String from, String to, @Valid YearlyEntry everyYear) {

        @AssertTrue(message = "set one of date, from and to, or everyYear")
        boolean isOneKind() {
            int kinds = (isBlank(date) ? 0 : 1) + (isBlank(from) && isBlank(to) ? 0 : 1) + (everyYear == null ? 0 : 1);
            return kinds == 1;
        }

        @AssertTrue(message = "a range needs both from and to")
        boolean isRangeComplete() {
            return isBlank(from) == isBlank(to);
        }
    }

    record YearlyEntry(@NotBlank(message = REQUIRED) String from, @NotBlank(message = REQUIRED) String to) {}

    record SourceEntry(
            @NotNull(message = REQUIRED) SourceType type, @Valid JdbcEntry jdbc, @Valid CsvDropEntry csvDrop) {

        @AssertTrue(message = "jdbc is required for type JDBC")
        boolean isJdbcGivenForJdbc() {
            return type != SourceType.JDBC || jdbc != null;
        }

        @AssertTrue(message = "csvDrop is required for type CSV_DROP")
        boolean isCsvDropGivenForCsvDrop() {
            return type != SourceType.CSV_DROP || csvDrop != null;
        }
    }

    record JdbcEntry(
            @NotBlank(message = REQUIRED) String url,
            String username,
            String passwordRef,
            Map<String, @NotBlank(message = REQUIRED) @SelectsNoPassword String> queries,
            @DurationMin(seconds = 0, inclusive = false, message = "must be positive") Duration timeout,
            @Valid ChangeTrackingEntry changeTracking) {}

    record ChangeTrackingEntry(
            // The name goes into SQL text, so only a plain column name is accepted.
            @Pattern(
                            regexp = "[A-Za-z_][A-Za-z0-9_]{0,62}",
                            message = "must be a plain column name (letters, digits, _)")
                    String column,
            @DurationMin(seconds = 0, message = "must not be negative") Duration overlap,
            @DurationMin(seconds = 0, inclusive = false, message = "must be positive") Duration fullReadEvery,
            @Pattern(
                            regexp = "(?is)\\s*select\\s.*",
                            message = "must be one select returning the database's current time")
                    String clockQuery) {}

    record CsvDropEntry(
            String folder,
            String host,
            @Min(value = 1, message = "must be between 1 and 65535")
                    @Max(value = 65535, message = "must be between 1 and 65535")
                    Integer port,
            String username,
            String passwordRef,
            String privateKeyRef,
            String knownHosts,
            String directory,
            @DurationMin(seconds = 0, inclusive = false, message = "must be positive") Duration timeout) {

        @AssertTrue(message = "set either folder (a local drop) or host (an SFTP site), not both or neither")
        boolean isOneLocation() {
            return isBlank(folder) != isBlank(host);
        }

        @AssertTrue(message = "an SFTP drop (host) needs username, knownHosts and directory")
        boolean isSiteComplete() {
            return isBlank(host) || !isBlank(username) && !isBlank(knownHosts) && !isBlank(directory);
        }

        @AssertTrue(message = "set exactly one of passwordRef and privateKeyRef")
        boolean isOneSecretForASite() {
            return isBlank(host) || isBlank(passwordRef) != isBlank(privateKeyRef);
        }
    }

    record DestinationEntry(
            @NotBlank(message = REQUIRED) String id,
            @NotBlank(message = REQUIRED) String host,
            @Min(value = 1, message = "must be between 1 and 65535")
                    @Max(value = 65535, message = "must be between 1 and 65535")
                    Integer port,
            @NotBlank(message = REQUIRED) String username,
            String passwordRef,
            String privateKeyRef,
            String privateKeyPassphraseRef,
            @NotBlank(message = REQUIRED) String knownHosts,
            String directory,
            List<String> schoolIds,
            @DurationMin(seconds = 0, message = "must not be negative") Duration minInterval,
            DestinationAccount.ExtensionColumns extensionColumns,
            @UniqueElements(message = "lists a school twice") List<String> allowedSchoolIds) {

        @AssertTrue(message = "set exactly one of passwordRef and privateKeyRef")
        boolean isOneSecret() {
            return isBlank(passwordRef) != isBlank(privateKeyRef);
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
