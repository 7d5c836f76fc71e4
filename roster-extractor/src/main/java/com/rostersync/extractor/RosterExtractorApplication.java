package com.rostersync.extractor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the roster-extractor service. Its configuration file is {@code roster-extractor.yml} rather than {@code application.yml}, so that
 * all four services can run side by side in one JVM (the end-to-end test and the local stack) without shadowing each
 * other's settings.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RosterExtractorApplication {

    public static final String CONFIG_NAME = "roster-extractor";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application as it always starts: with its own configuration file name. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RosterExtractorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    static SpringApplication application() {
        return builder().build();
    }
}
