package vn.canhbao.registry.adminunit;

import java.util.List;
import vn.canhbao.registry.importer.ImportIssue;

/**
 * The answer to a commune catalogue import, shaped like the site and sensor import's report.
 *
 * @param applied true only when every row was valid, this was not a dry run, and all rows committed
 *     in one transaction; otherwise nothing was written
 * @param dryRun the file was only validated
 * @param rows data rows in the file
 * @param inserted communes created (or that would be, in a valid dry run)
 * @param updated existing communes whose code, name or provinces changed, including demo communes
 *     without a code that were matched by province and name and given their code
 * @param unchanged communes already exactly as in the file
 * @param issues every problem found, by row and field; empty when the file is valid
 */
public record CommuneImportReport(
        boolean applied,
        boolean dryRun,
        int rows,
        int inserted,
        int updated,
        int unchanged,
        List<ImportIssue> issues) {}
