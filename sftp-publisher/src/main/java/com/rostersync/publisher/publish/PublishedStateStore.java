package com.rostersync.publisher.publish;

/** Keeps the last successful upload per destination beyond a restart. */
public interface PublishedStateStore {

    void save(PublishedState state);
}
