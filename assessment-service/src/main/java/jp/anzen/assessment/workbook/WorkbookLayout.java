package jp.anzen.assessment.workbook;

import java.util.List;
import java.util.Map;

/**
 * Where a form's workbook keeps what: its sheet, the header row and each column, the cells above the header, and
 * the values a value cell may hold. A layout is data (src/main/resources/workbooks), so that the official MHLW
 * workbook's layout is added as a file once it is known, and an upload is recognised by its header row.
 *
 * @param itemBy {@code requirementId} when a column holds the item's id, {@code number} when items are named by
 *            their printed number only
 */
public record WorkbookLayout(String id, String sheet, String titleCell, String noticeCell, String assessmentIdLabelCell,
        String assessmentIdCell, int headerRow, String itemBy, Map<String, Column> columns, List<Round> rounds,
        Map<String, String> values) {

    /** A column by its letter, and the header text it has in the header row. */
    public record Column(String column, String header) {

        public int index() {
            return org.apache.poi.ss.util.CellReference.convertColStringToIndex(column);
        }
    }

    /** The cells of one confirmation round. */
    public record Round(int round, Column value, Column confirmedOn, Column targetDate) {
    }

    public Column column(String name) {
        return columns.get(name);
    }

    /** Every column with its header, in the order of the sheet. */
    public List<Column> headers() {
        List<Column> all = new java.util.ArrayList<>(columns.values());
        rounds.forEach(r -> all.addAll(List.of(r.value(), r.confirmedOn(), r.targetDate())));
        all.sort(java.util.Comparator.comparingInt(Column::index));
        return all;
    }

    /** The cell a reader names in a problem, e.g. {@code 回答 answers!D7}. */
    public String cell(Column column, int rowIndex) {
        return sheet + "!" + column.column() + (rowIndex + 1);
    }
}
