package com.rostersync.monitor.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer <token>} for scripts: the token is a user's password, so the principal (and what the
 * audit records) is that user. A request without a bearer header is left to the other ways in.
 */
final class BearerTokenAuthentication {

    private BearerTokenAuthentication() {}

    /** What a bearer request claims: a token not yet tied to a user. */
    static final class BearerToken extends UsernamePasswordAuthenticationToken {

        BearerToken(String token) {
            super(null, token);
        }
    }

    static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            return new BearerToken(header.substring(7).strip());
        };
    }

    static AuthenticationProvider provider(MonitorUsers users) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String token = String.valueOf(authentication.getCredentials());
                return users.byToken(token)
                        .map(user ->
                                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))
                        .orElseThrow(() -> new BadCredentialsException("no user has this token"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
