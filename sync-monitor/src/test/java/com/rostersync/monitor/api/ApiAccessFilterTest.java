package com.rostersync.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiAccessFilterTest {

    @Test
    void withoutConfiguredTokensEveryApiCallIsRefused() throws Exception {
        ApiAccessFilter filter = new ApiAccessFilter(Map.of());

        MockHttpServletResponse response = run(filter, "/api/holds", "Bearer ");

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getErrorMessage()).contains("disabled");
        assertThat(filter.authenticate("Basic " + base64(":"))).isEmpty();
    }

    @Test
    void healthAndPrometheusNeedNoToken() throws Exception {
        ApiAccessFilter filter = new ApiAccessFilter(Map.of());

        assertThat(run(filter, "/actuator/health/liveness", null).getStatus()).isEqualTo(200);
        assertThat(run(filter, "/actuator/prometheus", null).getStatus()).isEqualTo(200);
        assertThat(run(filter, "/actuator/healthz", null).getStatus()).isEqualTo(401);
    }

    @Test
    void identifiesTheOperatorByBearerTokenOrBasicAuth() {
        ApiAccessFilter filter = new ApiAccessFilter(Map.of("anna", "token-a-0123456789", "ben", "token-b-0123456789"));

        assertThat(filter.authenticate("Bearer token-b-0123456789")).contains("ben");
        assertThat(filter.authenticate("Basic " + base64("anna:token-a-0123456789")))
                .contains("anna");
        assertThat(filter.authenticate("Basic " + base64("anna:token-b-0123456789")))
                .isEmpty();
        assertThat(filter.authenticate("Basic not-base64!")).isEmpty();
    }

    private static MockHttpServletResponse run(ApiAccessFilter filter, String path, String authorization)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes());
    }
}
