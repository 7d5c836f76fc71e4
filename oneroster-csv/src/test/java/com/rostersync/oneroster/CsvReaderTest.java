package com.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> CsvReader.read(OneRosterFile.USERS, new byte[0]))
                .isInstanceOfSatisfying(
                        CsvFileException.class,
                        e -> assertThat(e.problem().reason()).isEqualTo("file is empty"));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = {'s', 'o', 'u', 'r', 'c', 'e', 'd', 'I', 'd', '\n', (byte) 0xE9, (byte) 0xFF};
        assertThatThrownBy(() -> CsvReader.read(OneRosterFile.ORGS, latin1))
                .isInstanceOfSatisfying(
                        CsvFileException.class,
                        e -> assertThat(e.problem().reason()).isEqualTo("not UTF-8 text"));
    }

    @Test
    void rejectsBinaryContent() {
        byte[] zipLike = {'P', 'K', 3, 4, 0, 0, 0};
        assertThatThrownBy(() -> CsvReader.read(OneRosterFile.ORGS, zipLike))
                .isInstanceOfSatisfying(
                        CsvFileException.class,
                        e -> assertThat(e.problem().reason()).contains("not text"));
    }

    @Test
    void namesTheMissingRequiredColumnOfAWrongHeader() {
        assertThatThrownBy(() -> CsvReader.read(OneRosterFile.ORGS, utf8("sourcedId,name\r\no1,North\r\n")))
                .isInstanceOfSatisfying(CsvFileException.class, e -> {
                    assertThat(e.problem().line()).isEqualTo(1);
                    assertThat(e.problem().field()).isEqualTo("type");
                    assertThat(e.getMessage())
                            .isEqualTo("orgs.csv line 1 field type: wrong header: required column missing");
                });
    }

    @Test
    void namesAnUnknownColumn() {
        assertThatThrownBy(() -> CsvReader.read(OneRosterFile.ORGS, utf8("sourcedId,name,type,colour\r\n")))
                .isInstanceOfSatisfying(
                        CsvFileException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("colour"));
    }

    @Test
    void keepsGoodRowsAndReportsBrokenOnesByLineAndField() throws Exception {
        String text = "sourcedId,name,type\r\n"
                + "o1,North,school\r\n"
                + "o2,,school\r\n"
                + "o3,\"Multi\nline\",school\r\n"
                + "o4,Extra,school,oops\r\n"
                + "o5,South,school\r\n";

        CsvTable table = CsvReader.read(OneRosterFile.ORGS, utf8(text));

        assertThat(table.rows()).extracting(r -> r.get("sourcedId")).containsExactly("o1", "o3", "o5");
        assertThat(table.rows()).extracting(CsvRow::line).containsExactly(2L, 4L, 7L);
        assertThat(table.rowProblems())
                .extracting(CsvProblem::toString)
                .containsExactly(
                        "orgs.csv line 3 field name: required field is empty",
                        "orgs.csv line 6: row has 4 fields, header has 3");
    }

    @Test
    void reportsAnUnclosedQuoteAndKeepsTheRowsBeforeIt() throws Exception {
        String text = "sourcedId,name,type\r\no1,North,school\r\no2,\"never closed,school\r\n";

        CsvTable table = CsvReader.read(OneRosterFile.ORGS, utf8(text));

        assertThat(table.rows()).hasSize(1);
        assertThat(table.rowProblems()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("quoted field is never closed"));
    }

    @Test
    void acceptsAByteOrderMarkAndOptionalColumnsMissing() throws Exception {
        CsvTable table = CsvReader.read(OneRosterFile.ORGS, utf8("\uFEFFsourcedId,name,type\no1,North,school\n"));
        assertThat(table.rows()).singleElement().satisfies(r -> assertThat(r.get("identifier"))
                .isEmpty());
    }

    @Test
    void readsMetadataExtensionColumnsAfterTheStandardOnes() throws Exception {
        String text = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.city,"
                + "metadata.region\r\n"
                + "o1,,,North,school,N-1,,Springfield,\r\n";

        CsvTable table = CsvReader.read(OneRosterFile.ORGS, utf8(text));

        assertThat(table.rowProblems()).isEmpty();
        assertThat(table.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("North");
            assertThat(row.extensions()).containsExactly(java.util.Map.entry("city", "Springfield"));
        });
    }

    @Test
    void aBareMetadataPrefixIsStillAnUnknownColumn() {
        assertThatThrownBy(() -> CsvReader.read(OneRosterFile.ORGS, utf8("sourcedId,name,type,metadata.\r\n")))
                .isInstanceOfSatisfying(
                        CsvFileException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("metadata."));
    }

    @Test
    void aHeaderOnlyFileWithBomAndCrlfReadsAsNoRowsNotAsAProblem() throws Exception {
        CsvTable table = CsvReader.read(OneRosterFile.ORGS, utf8("\uFEFFsourcedId,name,type\r\n\r\n"));

        assertThat(table.rows()).isEmpty();
        assertThat(table.rowProblems()).isEmpty();
    }
}
