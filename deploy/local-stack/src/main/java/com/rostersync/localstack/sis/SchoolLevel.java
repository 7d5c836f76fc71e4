package com.rostersync.localstack.sis;

import java.util.List;

/** Which grades a demo school teaches, in OneRoster's grade vocabulary (KG, 01..12). */
public enum SchoolLevel {
    ELEMENTARY(List.of("KG", "01", "02", "03", "04", "05")),
    MIDDLE(List.of("06", "07", "08")),
    HIGH(List.of("09", "10", "11", "12")),
    K8(List.of("KG", "01", "02", "03", "04", "05", "06", "07", "08"));

    private final List<String> grades;

    SchoolLevel(List<String> grades) {
        this.grades = grades;
    }

    public List<String> grades() {
        return grades;
    }
}
