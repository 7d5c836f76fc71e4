package com.rostersync.monitor.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a monitor user may do: a viewer reads; an operator reads, approves and discards holds. */
enum Role {
    VIEWER,
    OPERATOR;

    static final String VIEWER_ROLE = "VIEWER";
    static final String OPERATOR_ROLE = "OPERATOR";

    /** An operator holds the viewer's authority too, so every read rule names only the viewer. */
    List<GrantedAuthority> authorities() {
        return this == OPERATOR
                ? List.of(
                        new SimpleGrantedAuthority("ROLE_" + VIEWER_ROLE),
                        new SimpleGrantedAuthority("ROLE_" + OPERATOR_ROLE))
                : List.of(new SimpleGrantedAuthority("ROLE_" + VIEWER_ROLE));
    }
}
