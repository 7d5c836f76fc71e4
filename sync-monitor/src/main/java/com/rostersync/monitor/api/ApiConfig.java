package com.rostersync.monitor.api;

import com.rostersync.monitor.config.MonitorProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the access filter in front of every path of the service. */
@Configuration(proxyBeanMethods = false)
class ApiConfig {

    @Bean
    FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(MonitorProperties properties) {
        FilterRegistrationBean<ApiAccessFilter> registration = new FilterRegistrationBean<>(
                new ApiAccessFilter(properties.api().tokens()));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
