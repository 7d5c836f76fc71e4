package com.rostersync.oneroster;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one OneRoster file from a drop and checks it on its own: a whole-file fault (empty, not UTF-8 text, not CSV,
 * wrong header) is a {@link CsvFileException}; a broken row is a row problem and the other rows still count. Columns
 * may come in any order and optional ones may be missing, but every required column must be there and no unknown
 * column may be, except OneRoster's extension columns ({@code metadata.<name>}), which are read like the others.
 * A file with a header and no rows is read as such (no rows); whether that may stand is the caller's decision.
 */
public final class CsvReader {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CsvReader() {}

    public static CsvTable read(OneRosterFile file, byte[] content) throws CsvFileException {
        String name = file.fileName();
        if (content.length == 0) {
            throw fileProblem(name, "file is empty");
        }
        String text = decodeUtf8(name, content);
        if (text.isBlank()) {
            throw fileProblem(name, "file is empty");
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = header(file, records.next());
            List<CsvRow> rows = new ArrayList<>();
            List<CsvProblem> problems = new ArrayList<>();
            long line = 2;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException broken) {
                    problems.add(new CsvProblem(
                            name,
                            parser.getCurrentLineNumber(),
                            null,
                            "not valid CSV from here on (" + brokenCause(broken) + ")"));
                    break;
                }
                rowOrProblem(file, header, record, line, rows, problems);
                line = parser.getCurrentLineNumber() + 1;
            }
            return new CsvTable(file, List.copyOf(rows), List.copyOf(problems));
        } catch (UncheckedIOException | IOException | IllegalStateException notCsv) {
            throw fileProblem(name, "not valid CSV");
        }
    }

    private static void rowOrProblem(
            OneRosterFile file,
            List<String> header,
            CSVRecord record,
            long line,
            List<CsvRow> rows,
            List<CsvProblem> problems) {
        if (record.size() != header.size()) {
            problems.add(new CsvProblem(
                    file.fileName(), line, null, "row has " + record.size() + " fields, header has " + header.size()));
            return;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), record.get(i).strip());
        }
        for (String column : header) {
            if (file.isRequired(column) && values.get(column).isEmpty()) {
                problems.add(new CsvProblem(file.fileName(), line, column, "required field is empty"));
                return;
            }
        }
        rows.add(new CsvRow(line, values));
    }

    private static List<String> header(OneRosterFile file, CSVRecord headerRecord) throws CsvFileException {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : headerRecord) {
            String column = raw.strip();
            if (!file.columns().contains(column) && !OneRosterFile.isExtensionColumn(column)) {
                throw new CsvFileException(new CsvProblem(
                        file.fileName(),
                        1,
                        column.isEmpty() ? null : column,
                        "wrong header: unknown column at position " + (header.size() + 1)));
            }
            if (!seen.add(column)) {
                throw new CsvFileException(new CsvProblem(file.fileName(), 1, column, "wrong header: column twice"));
            }
            header.add(column);
        }
        for (String column : file.columns()) {
            if (file.isRequired(column) && !seen.contains(column)) {
                throw new CsvFileException(
                        new CsvProblem(file.fileName(), 1, column, "wrong header: required column missing"));
            }
        }
        return header;
    }

    private static String decodeUtf8(String name, byte[] content) throws CsvFileException {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw fileProblem(name, "not text (contains NUL bytes)");
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            throw fileProblem(name, "not UTF-8 text");
        }
    }

    private static String brokenCause(UncheckedIOException broken) {
        String message = broken.getCause() == null ? null : broken.getCause().getMessage();
        return message != null && message.contains("EOF") ? "a quoted field is never closed" : "malformed quoting";
    }

    private static CsvFileException fileProblem(String name, String reason) {
        return new CsvFileException(new CsvProblem(name, 0, null, reason));
    }
}
