package com.rostersync.kernel.config;

import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;

/**
 * The image build's class-data training run ({@code deploy/docker/Dockerfile}, docs/kubernetes.md): the service's
 * context starts without a broker and Spring ends the JVM once it is refreshed, before any listener, stream or
 * scheduler starts, so that the JVM can archive the classes start-up loads. What start-up would ask the broker is
 * skipped then. The same JVM-wide setting that makes Spring exit decides it, so no other setting can skip those
 * checks in a service that goes on running.
 */
public final class TrainingRun {

    private TrainingRun() {}

    public static boolean active() {
        return DefaultLifecycleProcessor.ON_REFRESH_VALUE.equals(
                SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME));
    }
}
