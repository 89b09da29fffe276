package vn.canhbao.registry.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 4180 CSV file: comma-separated, fields optionally in double quotes (a quote inside a
 * quoted field is doubled), lines ending in LF or CRLF, the first line a header. Blank lines are
 * skipped. A leading UTF-8 byte-order mark is ignored.
 *
 * @param header the column names, trimmed
 * @param rows the data rows with their line numbers (header = line 1)
 */
public record CsvTable(List<String> header, List<Row> rows) {

    /** A data row and the line it starts on. */
    public record Row(int line, List<String> cells) {}

    /** The result of parsing: a table, or the first syntax error. */
    public record Parsed(Optional<CsvTable> table, Optional<ImportIssue> error) {}

    /** Parses {@code text}; never throws. */
    public static Parsed parse(String text) {
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int recordLine = line;
        boolean quoted = false;
        boolean wasQuoted = false;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (ch == '\n') {
                    line++;
                }
                cell.append(ch);
                i++;
                continue;
            }
            if (ch == '"') {
                if (cell.length() > 0 || wasQuoted) {
                    return error(line, "a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
                i++;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r') {
                    if (i + 1 >= n || text.charAt(i + 1) != '\n') {
                        return error(line, "a carriage return without a line feed");
                    }
                    i++;
                }
                cells.add(cell.toString());
                addRecord(records, lines, cells, recordLine);
                cells = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                i++;
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    return error(line, "text after a closing quote");
                }
                cell.append(ch);
                i++;
            }
        }
        if (quoted) {
            return error(recordLine, "a quoted field is not closed");
        }
        if (cell.length() > 0 || !cells.isEmpty() || wasQuoted) {
            cells.add(cell.toString());
            addRecord(records, lines, cells, recordLine);
        }
        if (records.isEmpty()) {
            return error(1, "no header line");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            rows.add(new Row(lines.get(r), records.get(r)));
        }
        return new Parsed(Optional.of(new CsvTable(header, rows)), Optional.empty());
    }

    private static void addRecord(
            List<List<String>> records, List<Integer> lines, List<String> cells, int line) {
        boolean blank = cells.size() == 1 && cells.get(0).isBlank();
        if (!blank) {
            records.add(cells);
            lines.add(line);
        }
    }

    private static Parsed error(int line, String reason) {
        return new Parsed(Optional.empty(), Optional.of(new ImportIssue(line, "body", reason)));
    }
}
