package com.rostersync.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the sync-monitor service. Its configuration file is {@code sync-monitor.yml} rather than {@code application.yml}, so that
 * all four services can run side by side in one JVM (the end-to-end test and the local stack) without shadowing each
 * other's settings.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SyncMonitorApplication {

    public static final String CONFIG_NAME = "sync-monitor";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application as it always starts: with its own configuration file name. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SyncMonitorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    static SpringApplication application() {
        return builder().build();
    }
}
