package com.rostersync.monitor.kafka;

import com.rostersync.kernel.topic.PlatformTopics;

/**
 * The monitor's private state topic besides {@link com.rostersync.events.Topics#MONITOR_INCIDENTS}: the last
 * successful upload per district (compacted, keyed by tenant id), so the STALE check and the age gauge survive a
 * restart. Only the monitor reads or writes it, so it is not part of the shared contract; the kernel declares it.
 */
final class MonitorTopics {

    public static final String LAST_SUCCESS = PlatformTopics.MONITOR_LAST_SUCCESS;

    private MonitorTopics() {}
}
