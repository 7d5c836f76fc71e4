package com.rostersync.extractor.source;

import com.rostersync.events.EntityType;
import java.util.Set;

/**
 * Where each record was last published. A source that reads only changed rows asks it which schools a changed or
 * deleted record was in, so that a record leaving a school (deleted, moved, a person's school removed) becomes a
 * deletion there without the source scanning every school.
 */
@FunctionalInterface
public interface PublishedIds {

    Set<String> schoolsOf(String tenantId, EntityType type, String sourcedId);
}
