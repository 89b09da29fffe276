package vn.canhbao.registry.adminunit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhbao.registry.importer.CsvImporter;
import vn.canhbao.registry.importer.CsvTable;
import vn.canhbao.registry.importer.ImportIssue;

/**
 * Reads the commune catalogue as CSV with the header {@code
 * code,name,province_code,former_province_code} (any order, all four columns present), UTF-8, RFC
 * 4180 quoting. Checks what needs no database: the code is five digits and unique in the file, the
 * name is not empty, at most {@value #MAX_NAME} characters and unique within its province, the
 * province code is two digits, the former province code is two digits or empty. Names are
 * normalised to Unicode NFC (the same Vietnamese name typed with combining marks is the same name).
 * Pure: no I/O, never throws.
 */
public final class CommuneCsv {
    static final int MAX_NAME = 200;
    static final List<String> COLUMNS =
            List.of("code", "name", "province_code", "former_province_code");

    /** A valid row; {@code formerProvinceCode} empty when the file leaves it blank. */
    public record Row(
            int line,
            String code,
            String name,
            String provinceCode,
            Optional<String> formerProvinceCode) {}

    /**
     * What the file held: every data row counted, the valid ones, the issues of the others.
     *
     * @param rows data rows in the file
     */
    public record Parsed(int rows, List<Row> communes, List<ImportIssue> issues) {
        public Parsed {
            communes = List.copyOf(communes);
            issues = List.copyOf(issues);
        }
    }

    private CommuneCsv() {}

    public static Parsed parse(String csv) {
        CsvTable.Parsed parsed = CsvTable.parse(csv);
        if (parsed.error().isPresent()) {
            return new Parsed(0, List.of(), List.of(parsed.error().get()));
        }
        CsvTable table = parsed.table().orElseThrow();
        List<ImportIssue> issues = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < table.header().size(); i++) {
            String name = table.header().get(i);
            if (!COLUMNS.contains(name)) {
                issues.add(new ImportIssue(1, name.isEmpty() ? "body" : name, "unknown column"));
            } else if (columns.putIfAbsent(name, i) != null) {
                issues.add(new ImportIssue(1, name, "column appears twice"));
            }
        }
        for (String name : COLUMNS) {
            if (!columns.containsKey(name)) {
                issues.add(new ImportIssue(1, name, "required column is missing"));
            }
        }
        if (table.rows().size() > CsvImporter.MAX_ROWS) {
            issues.add(
                    new ImportIssue(
                            0,
                            "body",
                            "more than " + CsvImporter.MAX_ROWS + " rows; split the file"));
        }
        if (!issues.isEmpty()) {
            return new Parsed(table.rows().size(), List.of(), issues);
        }
        List<Row> valid = new ArrayList<>();
        Map<String, Integer> lineOfCode = new HashMap<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            int line = row.line();
            if (row.cells().size() != table.header().size()) {
                issues.add(
                        new ImportIssue(
                                line,
                                "body",
                                "expected "
                                        + table.header().size()
                                        + " cells, found "
                                        + row.cells().size()));
                continue;
            }
            String code = cell(row, columns, "code");
            String name = Normalizer.normalize(cell(row, columns, "name"), Normalizer.Form.NFC);
            String province = cell(row, columns, "province_code");
            String former = cell(row, columns, "former_province_code");
            int before = issues.size();
            if (!code.matches("[0-9]{5}")) {
                issues.add(new ImportIssue(line, "code", "expected 5 digits (got " + code + ")"));
            }
            if (name.isEmpty()) {
                issues.add(new ImportIssue(line, "name", "must not be empty"));
            } else if (name.length() > MAX_NAME) {
                issues.add(
                        new ImportIssue(
                                line,
                                "name",
                                "at most " + MAX_NAME + " characters (got " + name.length() + ")"));
            }
            if (!province.matches("[0-9]{2}")) {
                issues.add(
                        new ImportIssue(
                                line,
                                "province_code",
                                "expected the 2-digit code of one of the 34 provinces (got "
                                        + province
                                        + ")"));
            }
            if (!former.isEmpty() && !former.matches("[0-9]{2}")) {
                issues.add(
                        new ImportIssue(
                                line,
                                "former_province_code",
                                "expected the 2-digit code of one of the 63 former provinces or"
                                        + " nothing (got "
                                        + former
                                        + ")"));
            }
            if (issues.size() > before) {
                continue;
            }
            Integer firstCode = lineOfCode.putIfAbsent(code, line);
            if (firstCode != null) {
                issues.add(
                        new ImportIssue(
                                line,
                                "code",
                                "code "
                                        + code
                                        + " appears twice in the file (first on line "
                                        + firstCode
                                        + ")"));
                continue;
            }
            Integer firstName = lineOfName.putIfAbsent(province + "\u0000" + name, line);
            if (firstName != null) {
                issues.add(
                        new ImportIssue(
                                line,
                                "name",
                                "name "
                                        + name
                                        + " appears twice in province "
                                        + province
                                        + " (first on line "
                                        + firstName
                                        + ")"));
                continue;
            }
            valid.add(
                    new Row(
                            line,
                            code,
                            name,
                            province,
                            former.isEmpty() ? Optional.empty() : Optional.of(former)));
        }
        return new Parsed(table.rows().size(), valid, issues);
    }

    private static String cell(CsvTable.Row row, Map<String, Integer> columns, String column) {
        return row.cells().get(columns.get(column)).strip();
    }
}
