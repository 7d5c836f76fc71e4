package com.rostersync.kernel.kafka;

import tools.jackson.databind.json.JsonMapper;

/** What a mapper makes of some JSON: the value read, or the error's type and message, to compare two mappers. */
final class ReadOutcome {

    private ReadOutcome() {}

    static String of(JsonMapper mapper, String json, Class<?> type) {
        try {
            return "value " + mapper.readValue(json, type);
        } catch (RuntimeException failed) {
            return failed.getClass().getName() + ": " + failed.getMessage();
        }
    }
}
