package com.rostersync.oneroster;

import java.util.List;

/** A file that was read: its good rows, and one problem per row that was left out. */
public record CsvTable(OneRosterFile file, List<CsvRow> rows, List<CsvProblem> rowProblems) {}
