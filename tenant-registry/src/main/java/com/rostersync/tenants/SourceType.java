package com.rostersync.tenants;

/** Where a tenant's roster comes from. */
public enum SourceType {
    /** An SIS database over JDBC. */
    JDBC,
    /** A drop of OneRoster 1.1 CSV files (plain or one zip) on an SFTP site or in a folder. */
    CSV_DROP
}
