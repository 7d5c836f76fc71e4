package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;

/**
 * A record the source re-keyed: the published record {@code previousSourcedId} would be archived while a new record
 * {@code newSourcedId} of the same type matches it on {@code matchedOn} (a field name such as "username" or
 * "classCode", never its value). Both sides are held together, so a receiver never sees the same person twice.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IdChange(EntityType entityType, String previousSourcedId, String newSourcedId, String matchedOn) {}
