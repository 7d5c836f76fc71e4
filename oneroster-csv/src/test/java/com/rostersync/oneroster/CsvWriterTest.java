package com.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void quotesCommasQuotesAndLineBreaksPerRfc4180() {
        String csv = CsvWriter.write(
                OneRosterFile.MANIFEST,
                List.of(List.of("plain", "a,b"), List.of("say \"hi\"", "line\nbreak"), List.of("Zoë 张伟", "")));

        assertThat(csv)
                .isEqualTo("propertyName,value\r\n"
                        + "plain,\"a,b\"\r\n"
                        + "\"say \"\"hi\"\"\",\"line\nbreak\"\r\n"
                        + "Zoë 张伟,\r\n");
    }

    @Test
    void refusesARowThatDoesNotMatchTheHeader() {
        assertThatThrownBy(() -> CsvWriter.write(OneRosterFile.MANIFEST, List.of(List.of("only-one"))))
                .hasMessageContaining("manifest.csv")
                .hasMessageContaining("1 fields");
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Exception {
        List<String> row = List.of("o1", "", "", "Name, with \"quotes\"\nand a line", "school", "ID-1", "");
        String csv = CsvWriter.write(OneRosterFile.ORGS, List.of(row));

        CsvTable table = CsvReader.read(OneRosterFile.ORGS, csv.getBytes(StandardCharsets.UTF_8));

        assertThat(table.rowProblems()).isEmpty();
        assertThat(table.rows()).singleElement().satisfies(r -> {
            assertThat(r.get("name")).isEqualTo("Name, with \"quotes\"\nand a line");
            assertThat(r.line()).isEqualTo(2);
        });
    }

    @Test
    void writesExtensionColumnsAfterTheStandardOnesAndReadsThemBack() throws Exception {
        String text = CsvWriter.write(
                OneRosterFile.ORGS,
                List.of("city"),
                List.of(java.util.Arrays.asList("o1", null, null, "North", "school", null, null, "Spring, field")));

        assertThat(text)
                .isEqualTo("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.city\r\n"
                        + "o1,,,North,school,,,\"Spring, field\"\r\n");
        assertThat(CsvReader.read(OneRosterFile.ORGS, text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .rows()
                        .get(0)
                        .extensions())
                .containsEntry("city", "Spring, field");
    }
}
