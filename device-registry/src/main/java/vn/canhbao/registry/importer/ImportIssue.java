package vn.canhbao.registry.importer;

/**
 * One problem found in an import.
 *
 * @param row the CSV line (the header is line 1, the first data row line 2) or the GeoJSON feature
 *     number (from 1); 0 for the file as a whole
 * @param field the column or property at fault ({@code body} for the file as a whole)
 * @param reason what is wrong, naming the value
 */
public record ImportIssue(int row, String field, String reason) {}
