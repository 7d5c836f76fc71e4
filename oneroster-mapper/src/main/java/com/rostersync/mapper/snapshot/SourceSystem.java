package com.rostersync.mapper.snapshot;

/** The manifest's {@code source.systemName} and {@code source.systemCode}. */
public record SourceSystem(String name, String code) {}
