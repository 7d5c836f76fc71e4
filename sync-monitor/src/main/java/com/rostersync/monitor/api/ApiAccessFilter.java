package com.rostersync.monitor.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Deny by default: every request needs an operator's token, except the two actuator endpoints Prometheus and the
 * platform must reach ({@code /actuator/health}, {@code /actuator/prometheus}). With no token configured everything
 * else is refused, so the approval API is never open by accident. The token comes as {@code Bearer <token>} or as the
 * password of basic auth (user = operator name, which lets a browser prompt for it from an e-mail link); the operator
 * it belongs to is what the audit records.
 */
final class ApiAccessFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated operator's name. */
    public static final String OPERATOR = "com.rostersync.monitor.api.operator";

    private static final Set<String> OPEN_PATHS = Set.of("/actuator/health", "/actuator/prometheus");

    private final Map<String, String> tokensByOperator;

    public ApiAccessFilter(Map<String, String> tokensByOperator) {
        this.tokensByOperator = Map.copyOf(tokensByOperator);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> operator = authenticate(request.getHeader("Authorization"));
        if (operator.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"roster-sync\", Bearer realm=\"roster-sync\"");
            response.sendError(
                    HttpServletResponse.SC_UNAUTHORIZED,
                    tokensByOperator.isEmpty()
                            ? "The API is disabled: no operator token is configured"
                            : "A valid operator token is required");
            return;
        }
        request.setAttribute(OPERATOR, operator.get());
        chain.doFilter(request, response);
    }

    static boolean isOpen(String path) {
        return OPEN_PATHS.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
    }

    Optional<String> authenticate(String header) {
        if (header == null || tokensByOperator.isEmpty()) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return tokensByOperator.entrySet().stream()
                    .filter(e -> same(e.getValue(), token))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String user = decoded.substring(0, colon);
            String expected = tokensByOperator.get(user);
            return expected != null && same(expected, decoded.substring(colon + 1))
                    ? Optional.of(user)
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
