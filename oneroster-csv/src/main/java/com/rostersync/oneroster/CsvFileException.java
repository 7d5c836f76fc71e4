package com.rostersync.oneroster;

/** The whole file cannot be used (empty, not UTF-8, not CSV, wrong header). */
public final class CsvFileException extends Exception {

    private final CsvProblem problem;

    public CsvFileException(CsvProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public CsvProblem problem() {
        return problem;
    }
}
