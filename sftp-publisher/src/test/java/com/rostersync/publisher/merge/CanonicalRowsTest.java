package com.rostersync.publisher.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.oneroster.OneRosterFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalRowsTest {

    private static final String HEADER = String.join(",", OneRosterFile.ENROLLMENTS.columns()) + "\r\n";
    private static final String ROW = "E1,active,,K1,S1,U1,student,false,,";

    @Test
    void splitsTheWritersRowsAndReadsTheirSourcedIds() {
        String content = HEADER + ROW + "\r\n" + "\"E,2\",active,,K1,S1,\"U\"\"2\",student,,,\r\n";

        assertThat(CanonicalRows.split(OneRosterFile.ENROLLMENTS, content))
                .containsExactly(
                        new CanonicalRows.Row("E1", ROW),
                        new CanonicalRows.Row("E,2", "\"E,2\",active,,K1,S1,\"U\"\"2\",student,,,"));
        assertThat(CanonicalRows.split(OneRosterFile.ENROLLMENTS, HEADER)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"E1\",active,,K1,S1,U1,student,false,,\r\n", // quoted without need
                "E1 ,active,,K1,S1,U1,student,false,,\r\n", // the reader would strip the space
                "E1,active,,K1,S1,\" U1\",student,false,,\r\n", // the same inside quotes
                ",active,,K1,S1,U1,student,false,,\r\n", // required sourcedId empty
                "E1,active,,K1,S1,U1,student,false,\r\n", // a field short
                "E1,active,,K1,S1,U1,student,false,,,\r\n", // a field too many
                "E1,active,,K1,S1,U1,student,false,,\n", // LF alone
                "E1,active,,K1,S1,U1,student,false,,", // no line end after the last row
                "E1,active,,K1,S1,\"U1,student,false,,\r\n", // unbalanced quote
                "E1,active,,K1,S1,U\"1,student,false,,\r\n", // quote inside an unquoted field
                "\r\n" // an empty line
            })
    void anythingTheWriterWouldNotHaveWrittenIsLeftToTheReader(String rows) {
        assertThat(CanonicalRows.split(OneRosterFile.ENROLLMENTS, HEADER + rows))
                .isNull();
    }

    @Test
    void aFileWithExtensionColumnsOrAnotherHeaderIsLeftToTheReader() {
        String extended = HEADER.replace("\r\n", ",metadata.grade\r\n") + ROW + ",9\r\n";
        String bom = "\uFEFF" + HEADER + ROW + "\r\n";

        assertThat(CanonicalRows.split(OneRosterFile.ENROLLMENTS, extended)).isNull();
        assertThat(CanonicalRows.split(OneRosterFile.ENROLLMENTS, bom)).isNull();
    }
}
