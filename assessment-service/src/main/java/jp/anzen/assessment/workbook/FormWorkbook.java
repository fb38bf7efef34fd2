package jp.anzen.assessment.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.anzen.assessment.answers.Assessment;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.facility.Facility;

/**
 * A facility's form as an Excel workbook in a layout: one row per item that applies to the facility, each round's
 * current answer filled in, はい/いいえ/該当なし lists and date checks on the cells a user fills, last year's answer
 * awaiting confirmation shown as a comment on the item's first value cell.
 */
final class FormWorkbook {

    /** The dates an answer may carry (the answers' own rule). */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
    private static final String FONT = "Yu Gothic";

    private FormWorkbook() {
    }

    static void write(WorkbookLayout layout, Facility facility, Assessment assessment, CatalogueReplica.PublishedVersion form,
            OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(layout.sheet());
            Styles styles = new Styles(workbook);
            String title = (form.frameworkTitleJa() == null ? form.frameworkId() : form.frameworkTitleJa()) + " "
                    + (form.titleJa() == null ? form.version() : form.titleJa()) + "  " + facility.name() + " ("
                    + facility.code() + ")  FY" + assessment.fiscalYear();
            set(sheet, layout.titleCell(), title, styles.title);
            if (form.provisionalReason() != null) {
                set(sheet, layout.noticeCell(), "【暫定版 (provisional edition)】 " + form.provisionalReason(), styles.notice);
            }
            set(sheet, layout.assessmentIdLabelCell(), "assessment", null);
            set(sheet, layout.assessmentIdCell(), assessment.id(), null);

            Row header = sheet.createRow(layout.headerRow() - 1);
            for (WorkbookLayout.Column c : layout.headers()) {
                header.createCell(c.index()).setCellValue(c.header());
                header.getCell(c.index()).setCellStyle(styles.header);
            }
            Map<String, Assessment.Answer> answers = new LinkedHashMap<>();
            assessment.answers().forEach(a -> answers.put(a.requirementId() + "#" + a.round(), a));
            Map<String, Assessment.CarriedForward> carried = new LinkedHashMap<>();
            assessment.awaitingConfirmation().forEach(c -> carried.put(c.requirementId(), c));
            Drawing<?> drawing = sheet.createDrawingPatriarch();
            int rowIndex = layout.headerRow();
            for (CatalogueReplica.Item item : applicable(form, facility)) {
                Row row = sheet.createRow(rowIndex);
                text(row, layout.column("requirementId"), item.requirementId(), styles.locked);
                text(row, layout.column("number"), item.number(), styles.locked);
                text(row, layout.column("text"), item.textJa() == null ? "(wording: see the catalogue)" : item.textJa(),
                        styles.wrapped);
                String note = null;
                for (WorkbookLayout.Round round : layout.rounds()) {
                    Assessment.Answer answer = answers.get(item.requirementId() + "#" + round.round());
                    text(row, round.value(), answer == null ? null : label(layout, answer.value()), styles.input);
                    date(row, round.confirmedOn(), answer == null ? null : answer.confirmedOn(), styles.date);
                    date(row, round.targetDate(), answer == null ? null : answer.targetDate(), styles.date);
                    if (answer != null && answer.note() != null) {
                        note = answer.note();
                    }
                }
                text(row, layout.column("note"), note, styles.wrapped);
                Assessment.CarriedForward last = carried.get(item.requirementId());
                if (last != null) {
                    comment(workbook, drawing, row, layout.rounds().get(0).value(), "前年度 (FY" + last.fromFiscalYear()
                            + ") の回答: " + label(layout, last.value()) + (last.confirmedOn() == null ? "" : " " + last.confirmedOn())
                            + "。確認して記入してください (confirm it by answering).");
                }
                rowIndex++;
            }
            validations(sheet, layout, rowIndex - 1);
            widths(sheet, layout);
            sheet.createFreezePane(0, layout.headerRow());
            workbook.write(out);
        }
    }

    /** The items a facility of this kind answers, in the form's order. */
    static List<CatalogueReplica.Item> applicable(CatalogueReplica.PublishedVersion form, Facility facility) {
        return form.items().values().stream()
                .filter(i -> i.facilityKinds().isEmpty() || i.facilityKinds().contains(facility.kind())).toList();
    }

    static String label(WorkbookLayout layout, String value) {
        return layout.values().entrySet().stream().filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey)
                .findFirst().orElse(value);
    }

    private static void validations(Sheet sheet, WorkbookLayout layout, int lastRow) {
        if (lastRow < layout.headerRow()) {
            return;
        }
        DataValidationHelper helper = sheet.getDataValidationHelper();
        String[] labels = layout.values().keySet().toArray(String[]::new);
        for (WorkbookLayout.Round round : layout.rounds()) {
            add(sheet, helper, helper.createExplicitListConstraint(labels), round.value(), layout.headerRow(), lastRow,
                    "回答 (answer)", String.join(" / ", labels));
            for (WorkbookLayout.Column dateColumn : List.of(round.confirmedOn(), round.targetDate())) {
                DataValidationConstraint dates = helper.createDateConstraint(DataValidationConstraint.OperatorType.BETWEEN,
                        "DATE(" + EARLIEST.getYear() + ",1,1)", "DATE(" + LATEST.getYear() + ",12,31)", "yyyy-mm-dd");
                add(sheet, helper, dates, dateColumn, layout.headerRow(), lastRow, "日付 (date)",
                        "yyyy-mm-dd, " + EARLIEST + " to " + LATEST);
            }
        }
    }

    private static void add(Sheet sheet, DataValidationHelper helper, DataValidationConstraint constraint,
            WorkbookLayout.Column column, int firstRow, int lastRow, String title, String text) {
        DataValidation validation = helper.createValidation(constraint,
                new CellRangeAddressList(firstRow, lastRow, column.index(), column.index()));
        validation.setShowErrorBox(true);
        validation.createErrorBox(title, text);
        validation.setSuppressDropDownArrow(true); // in XSSF, true shows the arrow
        sheet.addValidationData(validation);
    }

    private static void widths(Sheet sheet, WorkbookLayout layout) {
        for (WorkbookLayout.Column c : layout.headers()) {
            int characters = c == layout.column("text") ? 60 : c == layout.column("note") ? 30
                    : c == layout.column("requirementId") ? 34 : 14;
            sheet.setColumnWidth(c.index(), characters * 256);
        }
    }

    private static void comment(XSSFWorkbook workbook, Drawing<?> drawing, Row row, WorkbookLayout.Column column, String text) {
        ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
        anchor.setCol1(column.index());
        anchor.setCol2(column.index() + 3);
        anchor.setRow1(row.getRowNum());
        anchor.setRow2(row.getRowNum() + 3);
        var comment = drawing.createCellComment(anchor);
        comment.setString(workbook.getCreationHelper().createRichTextString(text));
        comment.setAuthor("Anzen");
        row.getCell(column.index()).setCellComment(comment);
    }

    private static void set(Sheet sheet, String cell, String value, CellStyle style) {
        if (cell == null) {
            return;
        }
        CellAddress at = new CellAddress(new CellReference(cell));
        Row row = sheet.getRow(at.getRow()) == null ? sheet.createRow(at.getRow()) : sheet.getRow(at.getRow());
        row.createCell(at.getColumn()).setCellValue(value);
        if (style != null) {
            row.getCell(at.getColumn()).setCellStyle(style);
        }
    }

    private static void text(Row row, WorkbookLayout.Column column, String value, CellStyle style) {
        if (column == null) {
            return;
        }
        var cell = row.createCell(column.index());
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    private static void date(Row row, WorkbookLayout.Column column, LocalDate value, CellStyle style) {
        var cell = row.createCell(column.index());
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    /** The few styles of the sheet, with a font that renders Japanese in Excel (LibreOffice substitutes its own). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle notice;
        final CellStyle header;
        final CellStyle locked;
        final CellStyle wrapped;
        final CellStyle input;
        final CellStyle date;

        Styles(XSSFWorkbook workbook) {
            Font plain = font(workbook, false, IndexedColors.BLACK);
            title = style(workbook, font(workbook, true, IndexedColors.BLACK), false);
            notice = style(workbook, font(workbook, true, IndexedColors.DARK_RED), false);
            header = style(workbook, font(workbook, true, IndexedColors.BLACK), true);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            locked = style(workbook, plain, false);
            wrapped = style(workbook, plain, true);
            input = style(workbook, plain, false);
            input.setBorderBottom(BorderStyle.THIN);
            date = style(workbook, plain, false);
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            date.setBorderBottom(BorderStyle.THIN);
        }

        private static Font font(XSSFWorkbook workbook, boolean bold, IndexedColors colour) {
            Font font = workbook.createFont();
            font.setFontName(FONT);
            font.setBold(bold);
            font.setColor(colour.getIndex());
            return font;
        }

        private static CellStyle style(XSSFWorkbook workbook, Font font, boolean wrap) {
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            style.setWrapText(wrap);
            style.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            return style;
        }
    }
}
