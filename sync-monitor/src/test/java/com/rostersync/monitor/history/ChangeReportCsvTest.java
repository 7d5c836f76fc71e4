package com.rostersync.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeReportCsvTest {

    @Test
    void writesOneRowPerRecordUnderAHeaderNamingSourcedId() {
        ChangeReport report = new ChangeReport(
                "run-1",
                "maple",
                "MMS",
                List.of(
                        new ChangeRow(
                                ChangeAction.UPDATED,
                                EntityType.PERSON,
                                "stu-1",
                                List.of("familyName", "givenName"),
                                null),
                        new ChangeRow(ChangeAction.CREATED, EntityType.SECTION, "sec-9", List.of(), null),
                        new ChangeRow(
                                ChangeAction.LEFT_OUT,
                                EntityType.ENROLLMENT,
                                "enr-7",
                                List.of("classSourcedId"),
                                "refers to a class that is not in the snapshot, or missing")));

        assertThat(ChangeReportCsv.write(report))
                .isEqualTo("action,type,sourcedId,fields,rule\r\n"
                        + "UPDATED,PERSON,stu-1,familyName givenName,\r\n"
                        + "CREATED,SECTION,sec-9,,\r\n"
                        + "LEFT_OUT,ENROLLMENT,enr-7,classSourcedId,"
                        + "\"refers to a class that is not in the snapshot, or missing\"\r\n");
    }

    @Test
    void quotesAndDefusesCellsASpreadsheetWouldReadAsFormulas() {
        ChangeReport report = new ChangeReport(
                "run-1",
                "maple",
                "MMS",
                List.of(new ChangeRow(ChangeAction.HELD, EntityType.PERSON, "=cmd()", List.of(), "say \"hi\"")));

        assertThat(ChangeReportCsv.write(report)).endsWith("HELD,PERSON,'=cmd(),,\"say \"\"hi\"\"\"\r\n");
    }
}
