package vn.canhbao.registry.importer;

import java.util.List;

/**
 * The answer to an import: what the file held, whether it was applied, and every issue.
 *
 * @param applied true only when every row was valid, this was not a dry run, and all rows committed
 *     in one transaction; otherwise nothing was written
 * @param dryRun the file was only validated
 * @param rows data rows (CSV) or features (GeoJSON) in the file
 * @param sites sites created (or that would be, in a dry run without issues)
 * @param sensors sensors created (or that would be)
 * @param issues every problem found, by row and field; empty when the file is valid
 */
public record ImportReport(
        boolean applied,
        boolean dryRun,
        int rows,
        int sites,
        int sensors,
        List<ImportIssue> issues) {}
