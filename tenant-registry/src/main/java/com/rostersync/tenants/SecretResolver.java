package com.rostersync.tenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@link SecretRef}s: first an environment variable of that name, then a file of that name in the secrets
 * folder (Kubernetes and Docker mount secrets as files). A trailing new line in a file is not part of the secret.
 */
public final class SecretResolver {

    private final Map<String, String> environment;
    private final Path secretsDirectory;

    public SecretResolver(Map<String, String> environment, Path secretsDirectory) {
        this.environment = Map.copyOf(environment);
        this.secretsDirectory = secretsDirectory;
    }

    public static SecretResolver fromSystem(Path secretsDirectory) {
        return new SecretResolver(System.getenv(), secretsDirectory);
    }

    public Optional<Secret> resolve(SecretRef ref) {
        if (ref == null) {
            return Optional.empty();
        }
        String fromEnvironment = environment.get(ref.name());
        if (fromEnvironment != null) {
            return Optional.of(new Secret(ref.name(), fromEnvironment));
        }
        if (secretsDirectory != null) {
            Path file = secretsDirectory.resolve(ref.name());
            if (Files.isRegularFile(file)) {
                try {
                    String value = Files.readString(file, StandardCharsets.UTF_8);
                    return Optional.of(new Secret(
                            ref.name(),
                            value.endsWith("\n") && !value.contains("PRIVATE KEY") ? value.stripTrailing() : value));
                } catch (IOException unreadable) {
                    throw new UncheckedIOException("secret file for " + ref.name() + " is unreadable", unreadable);
                }
            }
        }
        return Optional.empty();
    }

    /** Like {@link #resolve} but fails, naming the reference and who needs it, when the secret is not there. */
    public Secret require(SecretRef ref, String neededBy) {
        return resolve(ref)
                .orElseThrow(() ->
                        new IllegalStateException("secret " + (ref == null ? "(none)" : ref.name()) + " needed by "
                                + neededBy + " is neither an environment variable nor a file in " + secretsDirectory));
    }
}
