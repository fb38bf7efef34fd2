package jp.anzen.reporting.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Excel exports (xlsx), written with POI's streaming workbook: only a window of rows is held in memory, so a
 * whole prefecture does not need the whole sheet in the heap. Text is stored as Unicode; Excel shows Japanese.
 */
public final class Spreadsheet {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int ROWS_IN_MEMORY = 200;

    /** One sheet: a header row, then one row per entry. Numbers stay numbers, so that Excel can sum them. */
    public record Table(String name, List<String> headers, List<List<?>> rows) {

        /** A sheet of records, a column per component in declaration order. */
        public static <R extends Record> Table of(String name, Class<R> type, List<R> records) {
            RecordComponent[] components = type.getRecordComponents();
            List<String> headers = new ArrayList<>();
            for (RecordComponent component : components) {
                headers.add(component.getName());
            }
            List<List<?>> rows = new ArrayList<>(records.size());
            for (R record : records) {
                List<Object> row = new ArrayList<>(components.length);
                for (RecordComponent component : components) {
                    try {
                        row.add(component.getAccessor().invoke(record));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
                rows.add(row);
            }
            return new Table(name, headers, rows);
        }
    }

    private Spreadsheet() {
    }

    /** Writes the tables as sheets of one workbook; {@code progress} is told after each row (for long exports). */
    public static void write(List<Table> tables, OutputStream out, Runnable progress) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (Table table : tables) {
                SXSSFSheet sheet = workbook.createSheet(table.name());
                Row header = sheet.createRow(0);
                for (int c = 0; c < table.headers().size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(table.headers().get(c));
                    cell.setCellStyle(bold);
                }
                sheet.createFreezePane(0, 1);
                int r = 1;
                for (List<?> values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        set(row.createCell(c), values.get(c));
                    }
                    progress.run();
                }
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(List<Table> tables, OutputStream out) {
        write(tables, out, () -> {
        });
    }

    private static void set(Cell cell, Object value) {
        if (value == null) {
            cell.setBlank();
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else {
            cell.setCellValue(value.toString());
        }
    }
}
