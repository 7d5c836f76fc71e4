package com.rostersync.monitor.security;

import com.rostersync.tenants.SecretResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. The console ({@code /console/**}) logs in with a form and keeps a session, its forms carry a
 * CSRF token; the API ({@code /api/**}) takes HTTP basic auth or a bearer token on every request, keeps no session and
 * needs no CSRF token then (a browser never adds an {@code Authorization} header to a forged cross-site request); a
 * console session may read it too, and write only with the session's CSRF token. Viewers read; only operators change anything. Health and the Prometheus scrape stay
 * open; everything else is refused to anyone not logged in: 401 with a challenge for a program, the login page for a
 * person.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class MonitorSecurityConfig {

    static final String LOGIN_PAGE = "/console/login";
    static final String REALM = "roster-sync";

    private static final Logger log = LoggerFactory.getLogger(MonitorSecurityConfig.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    MonitorUsers monitorUsers(
            MonitorUsersProperties properties,
            SecretResolver secrets,
            PasswordEncoder encoder,
            Environment environment) {
        refuseRetiredTokens(environment);
        MonitorUsers users = MonitorUsers.of(properties, secrets, encoder);
        if (users.names().isEmpty()) {
            log.warn("No monitor user is configured (rostersync.monitor.security.users): the console and the API"
                    + " refuse every request");
        } else {
            log.info("Monitor users: {}", users.names());
        }
        return users;
    }

    /** The tokens of the earlier API filter must not silently leave their operators locked out. */
    static void refuseRetiredTokens(Environment environment) {
        if (Binder.get(environment)
                .bind("rostersync.monitor.api.tokens", Bindable.mapOf(String.class, String.class))
                .isBound()) {
            throw new IllegalStateException("rostersync.monitor.api.tokens is no longer read: configure the users,"
                    + " their roles and password hashes under rostersync.monitor.security.users (docs/operations.md,"
                    + " \"The operator console\")");
        }
    }

    @Bean
    AuthenticationManager monitorAuthentication(MonitorUsers users, PasswordEncoder encoder) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(List.of(passwords, BearerTokenAuthentication.provider(users)));
    }

    @Bean
    SecurityFilterChain monitorSecurity(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        AuthenticationEntryPoint challenge = MonitorSecurityConfig::challenge;
        AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
        RequestMatcher console = request -> pathOf(request).startsWith("/console");
        // CSRF protects what rides on the session cookie: a request carrying its own credentials, or an API call
        // without a session (refused as unauthenticated anyway), has nothing a forged form could borrow.
        RequestMatcher noSessionToForge = request -> request.getHeader("Authorization") != null
                || (pathOf(request).startsWith("/api/") && request.getRequestedSessionId() == null);

        AuthenticationFilter bearer = new AuthenticationFilter(authentication, BearerTokenAuthentication.converter());
        bearer.setSuccessHandler((request, response, done) -> {});
        bearer.setFailureHandler((request, response, failed) -> challenge.commence(request, response, failed));

        http.authenticationManager(authentication)
                .authorizeHttpRequests(rules -> rules.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers(LOGIN_PAGE, "/console/console.css")
                        .permitAll()
                        .requestMatchers(
                                "/console/holds/*/*/approve",
                                "/console/holds/*/*/discard",
                                "/console/tenants/*/mode",
                                "/console/tenants/*/pause")
                        .hasRole(Role.OPERATOR_ROLE)
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**", "/api/**")
                        .hasRole(Role.VIEWER_ROLE)
                        .requestMatchers("/console/logout")
                        .authenticated()
                        .requestMatchers("/console/**", "/api/**")
                        .hasRole(Role.OPERATOR_ROLE)
                        .anyRequest()
                        .hasRole(Role.OPERATOR_ROLE))
                .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/console", false))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(challenge))
                .addFilterAfter(bearer, BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(noSessionToForge))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(loginPage, console)
                        .defaultAuthenticationEntryPointFor(challenge, request -> true));
        return http.build();
    }

    private static void challenge(
            jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException failed)
            throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", Bearer realm=\"" + REALM + "\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "A valid user and password or token is required");
    }

    private static String pathOf(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
