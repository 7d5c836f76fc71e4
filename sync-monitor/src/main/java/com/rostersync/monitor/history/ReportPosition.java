package com.rostersync.monitor.history;

/** Where one part of a change report lies on its topic: the report is read from there on demand, never kept. */
record ReportPosition(int partition, long offset) {}
