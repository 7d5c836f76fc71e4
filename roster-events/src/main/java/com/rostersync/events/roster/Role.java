package com.rostersync.events.roster;

/** OneRoster user and enrollment roles. */
public enum Role {
    ADMINISTRATOR,
    AIDE,
    GUARDIAN,
    PARENT,
    PROCTOR,
    RELATIVE,
    STUDENT,
    TEACHER
}
