package vn.canhbao.registry.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import vn.canhbao.registry.adminunit.CommuneCsv;

/**
 * Fuzzes the CSV and GeoJSON importers (and the commune catalogue's CSV) with untrusted files:
 * whatever the text, they return a report and never throw; a file with issues names a row and field
 * for each; a file without issues accounts for every row. The committed corpus in {@code
 * src/test/resources/.../ImporterFuzzTestInputs} replays in every {@code mvn test}; run with {@code
 * JAZZER_FUZZ=1} to fuzz for real.
 */
class ImporterFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void csvSitesAreReportedNeverThrown(byte[] input) {
        check(CsvImporter.sites(text(input)), true);
    }

    @FuzzTest(maxDuration = "30s")
    void csvSensorsAreReportedNeverThrown(byte[] input) {
        check(CsvImporter.sensors(text(input)), false);
    }

    @FuzzTest(maxDuration = "30s")
    void geoJsonSitesAreReportedNeverThrown(byte[] input) {
        check(GeoJsonImporter.sites(text(input)), true);
    }

    @FuzzTest(maxDuration = "30s")
    void csvCommunesAreReportedNeverThrown(byte[] input) {
        CommuneCsv.Parsed p = CommuneCsv.parse(text(input));
        for (ImportIssue i : p.issues()) {
            if (i.field() == null || i.field().isEmpty() || i.reason() == null || i.row() < 0) {
                throw new AssertionError("incomplete issue: " + i);
            }
        }
        if (p.issues().isEmpty() && p.communes().size() != p.rows()) {
            throw new AssertionError(
                    "no issue, yet only " + p.communes().size() + " of " + p.rows() + " rows");
        }
        if (p.communes().size() > p.rows()) {
            throw new AssertionError("more valid rows than rows");
        }
    }

    private static String text(byte[] input) {
        return new String(input, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void check(ParsedImport p, boolean sites) {
        int valid = sites ? p.sites().size() : p.sensors().size();
        if ((sites ? p.sensors() : p.sites()).size() != 0) {
            throw new AssertionError("the importer produced rows of the other kind");
        }
        for (ImportIssue i : p.issues()) {
            if (i.field() == null || i.field().isEmpty() || i.reason() == null || i.row() < 0) {
                throw new AssertionError("incomplete issue: " + i);
            }
        }
        if (p.issues().isEmpty() && valid != p.rows()) {
            throw new AssertionError(
                    "no issue, yet only " + valid + " of " + p.rows() + " rows are valid");
        }
        if (valid > p.rows()) {
            throw new AssertionError("more valid rows than rows");
        }
    }
}
