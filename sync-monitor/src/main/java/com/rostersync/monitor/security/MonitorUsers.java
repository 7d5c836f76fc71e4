package com.rostersync.monitor.security;

import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The configured users with their roles and password hashes, read once at start-up: a missing secret or a value that
 * is not a password hash fails start-up naming the user and the property, never showing the value. Also answers a
 * bearer token, which is a user's password sent alone: it belongs to the one user whose hash it matches.
 */
final class MonitorUsers implements UserDetailsService {

    /** The algorithms Spring Security's delegating encoder knows; a plain ({@code {noop}}) password is refused. */
    private static final Set<String> HASH_IDS = Set.of(
            "bcrypt",
            "pbkdf2",
            "pbkdf2@SpringSecurity_v5_8",
            "scrypt",
            "scrypt@SpringSecurity_v5_8",
            "argon2",
            "argon2@SpringSecurity_v5_8");

    private static final Pattern ENCODED = Pattern.compile("^\\{([^}]*)}.+");
    private static final Pattern BARE_BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$.{53}$");

    /** How many verified tokens are remembered; beyond that the memory starts over. */
    static final int VERIFIED_TOKENS = 64;

    private final Map<String, UserDetails> users;
    private final PasswordEncoder encoder;
    /**
     * Tokens already matched, by their SHA-256, to the user they belong to: a script polling the API with its token
     * would otherwise pay a slow hash check against every user on each call. Users do not change while the monitor
     * runs, so an entry never goes stale; a token that matched no one is never remembered.
     */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    private MonitorUsers(Map<String, UserDetails> users, PasswordEncoder encoder) {
        this.users = Map.copyOf(users);
        this.encoder = encoder;
    }

    static MonitorUsers of(MonitorUsersProperties properties, SecretResolver secrets, PasswordEncoder encoder) {
        Map<String, UserDetails> users = new LinkedHashMap<>();
        properties.users().forEach((name, user) -> {
            String property = "rostersync.monitor.security.users." + name;
            String hash =
                    user.passwordHashRef() != null && !user.passwordHashRef().isBlank()
                            ? secrets.require(new SecretRef(user.passwordHashRef()), property + ".password-hash-ref")
                                    .reveal()
                                    .strip()
                            : user.passwordHash().strip();
            users.put(
                    name,
                    User.withUsername(name)
                            .password(encoded(hash, property))
                            .authorities(user.role().authorities())
                            .build());
        });
        return new MonitorUsers(users, encoder);
    }

    /** The hash as the delegating encoder reads it; a bare bcrypt hash (as {@code htpasswd -B} writes) is accepted. */
    static String encoded(String hash, String property) {
        if (BARE_BCRYPT.matcher(hash).matches()) {
            return "{bcrypt}" + hash;
        }
        Matcher matcher = ENCODED.matcher(hash);
        if (!matcher.matches() || !HASH_IDS.contains(matcher.group(1))) {
            throw new IllegalStateException(property + ": the password hash must be an encoded hash such as"
                    + " {bcrypt}$2a$10$..., with one of " + HASH_IDS + " first (the value is not shown)");
        }
        return hash;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such monitor user");
        }
        // A copy: the authentication provider erases the password of what it is given.
        return User.withUserDetails(user).build();
    }

    /** The user whose password the token is, if any. */
    Optional<UserDetails> byToken(String token) {
        String digest = sha256(token);
        String known = verified.get(digest);
        if (known != null) {
            return Optional.of(loadUserByUsername(known));
        }
        Optional<UserDetails> user = users.values().stream()
                .filter(candidate -> encoder.matches(token, candidate.getPassword()))
                .findFirst()
                .map(found -> User.withUserDetails(found).build());
        user.ifPresent(found -> {
            if (verified.size() >= VERIFIED_TOKENS) {
                verified.clear();
            }
            verified.put(digest, found.getUsername());
        });
        return user;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java runtime has SHA-256", missing);
        }
    }

    List<String> names() {
        return List.copyOf(users.keySet());
    }
}
