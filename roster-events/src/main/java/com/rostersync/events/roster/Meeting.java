package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.DayOfWeek;
import java.time.LocalTime;

/** One meeting of a section: day, week of the cycle (1 or 2; 1 unless bi-weekly), start time, period and room. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Meeting(DayOfWeek day, int week, LocalTime start, String period, String location) {}
