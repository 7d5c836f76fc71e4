package com.rostersync.monitor.kafka;

/**
 * The monitor's private state topic besides {@link com.rostersync.events.Topics#MONITOR_INCIDENTS}: the last
 * successful upload per district (compacted, keyed by tenant id), so the STALE check and the age gauge survive a
 * restart. Only the monitor reads or writes it, so it is not part of the shared contract.
 */
final class MonitorTopics {

    public static final String LAST_SUCCESS = "roster.monitor-last-success.v1";

    private MonitorTopics() {}
}
