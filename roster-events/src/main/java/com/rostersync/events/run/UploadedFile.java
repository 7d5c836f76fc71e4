package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A file a publish run wrote to its destination: its name, size in bytes and SHA-256 (hex). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadedFile(String name, long bytes, String sha256) {}
