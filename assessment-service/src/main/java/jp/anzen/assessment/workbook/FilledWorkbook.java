package jp.anzen.assessment.workbook;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.anzen.assessment.answers.AnswerBatch;
import jp.anzen.assessment.answers.Assessment;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.validation.FieldError;
import jp.anzen.assessment.validation.InvalidRequestException;

/**
 * A filled workbook read back as an answer batch: the layout is recognised by its sheet and header row, every row
 * is mapped to its item and every round's cells to an answer. Errors name the sheet and cell ({@code 回答 answers!D7}).
 * Answers the assessment holds already (same value, dates and note) are left out, so that a workbook downloaded,
 * partly filled and uploaded records what changed, and evidence already attached to an answer stays with it.
 */
final class FilledWorkbook {

    /** The answers to record and, for each, the cell of each of its fields (to name in an error). */
    record Read(WorkbookLayout layout, List<AnswerBatch.AnswerInput> answers, List<Map<String, String>> cells) {
    }

    private static final DataFormatter SHOWN = new DataFormatter();
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d");

    static {
        // a workbook is a zip: bound what one part may inflate to (POI also refuses parts that inflate over 100-fold)
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    private FilledWorkbook() {
    }

    static Read read(byte[] content, List<WorkbookLayout> layouts, Assessment assessment,
            CatalogueReplica.PublishedVersion form, Facility facility) {
        try (Workbook workbook = open(content)) {
            WorkbookLayout layout = layouts.stream().filter(l -> matches(workbook, l)).findFirst()
                    .orElseThrow(() -> unknownLayout(layouts));
            return new FilledWorkbook.Reader(layout, workbook.getSheet(layout.sheet()), assessment, form, facility).read();
        } catch (java.io.IOException e) {
            throw invalid("/", "the upload cannot be read as an Excel workbook (.xlsx): " + e.getMessage());
        }
    }

    private static Workbook open(byte[] content) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(content));
        } catch (Exception e) {
            // POI says why in many ways (not a zip, not OOXML, a broken part): each is the same for the user
            throw invalid("/", "the upload is not an Excel workbook (.xlsx) Anzen can read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static boolean matches(Workbook workbook, WorkbookLayout layout) {
        Sheet sheet = workbook.getSheet(layout.sheet());
        Row header = sheet == null ? null : sheet.getRow(layout.headerRow() - 1);
        return header != null && layout.headers().stream()
                .allMatch(c -> c.header().equals(SHOWN.formatCellValue(header.getCell(c.index())).strip()));
    }

    private static InvalidRequestException unknownLayout(List<WorkbookLayout> layouts) {
        List<FieldError> errors = new ArrayList<>();
        for (WorkbookLayout l : layouts) {
            StringBuilder expected = new StringBuilder("layout " + l.id() + ": a sheet named '" + l.sheet() + "' with, in row "
                    + l.headerRow() + ",");
            l.headers().forEach(c -> expected.append(' ').append(c.column()).append(" '").append(c.header()).append('\''));
            errors.add(new FieldError("/", expected.toString()));
        }
        return new InvalidRequestException("The workbook is not in a layout Anzen knows (download the form's workbook to"
                + " get one); nothing was stored", errors);
    }

    private static InvalidRequestException invalid(String pointer, String detail) {
        return new InvalidRequestException("The workbook has 1 error(s); nothing was stored", List.of(new FieldError(pointer, detail)));
    }

    /** One pass over the sheet's rows. */
    private static final class Reader {
        private final WorkbookLayout layout;
        private final Sheet sheet;
        private final Assessment assessment;
        private final Map<String, CatalogueReplica.Item> items = new LinkedHashMap<>();
        private final Map<String, String> byNumber = new HashMap<>();
        private final Map<String, Assessment.Answer> current = new HashMap<>();
        private final List<FieldError> errors = new ArrayList<>();
        private final List<AnswerBatch.AnswerInput> answers = new ArrayList<>();
        private final List<Map<String, String>> cells = new ArrayList<>();

        Reader(WorkbookLayout layout, Sheet sheet, Assessment assessment, CatalogueReplica.PublishedVersion form,
                Facility facility) {
            this.layout = layout;
            this.sheet = sheet;
            this.assessment = assessment;
            FormWorkbook.applicable(form, facility).forEach(i -> items.put(i.requirementId(), i));
            Set<String> ambiguous = new HashSet<>();
            for (var item : items.values()) {
                if (item.number() != null && byNumber.put(item.number(), item.requirementId()) != null) {
                    ambiguous.add(item.number());
                }
            }
            ambiguous.forEach(byNumber::remove);
            assessment.answers().forEach(a -> current.put(a.requirementId() + "#" + a.round(), a));
        }

        Read read() {
            checkAssessment();
            Set<String> seen = new HashSet<>();
            for (int r = layout.headerRow(); r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || blank(row)) {
                    continue;
                }
                String item = item(row, r);
                if (item == null) {
                    continue;
                }
                if (!seen.add(item)) {
                    error(layout.cell(itemColumn(), r), "item " + item + " has a row already");
                    continue;
                }
                String note = text(row, layout.column("note"));
                for (WorkbookLayout.Round round : layout.rounds()) {
                    answer(row, r, item, round, note);
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException("The workbook has " + errors.size() + " error(s); nothing was stored", errors);
            }
            return new Read(layout, answers, cells);
        }

        private void checkAssessment() {
            if (layout.assessmentIdCell() == null) {
                return;
            }
            CellReference at = new CellReference(layout.assessmentIdCell());
            Row row = sheet.getRow(at.getRow());
            String named = row == null ? "" : SHOWN.formatCellValue(row.getCell(at.getCol())).strip();
            if (!named.isEmpty() && !named.equals(assessment.id())) {
                error(layout.sheet() + "!" + layout.assessmentIdCell(), "this workbook belongs to assessment " + named
                        + ", not to " + assessment.id() + ": download this assessment's workbook");
            }
        }

        private String item(Row row, int r) {
            WorkbookLayout.Column column = itemColumn();
            String key = text(row, column);
            if (key == null) {
                error(layout.cell(column, r), "the row has answers but no " + ("number".equals(layout.itemBy()) ? "item number"
                        : "item id"));
                return null;
            }
            String id = "number".equals(layout.itemBy()) ? byNumber.get(key) : key;
            if (id == null || !items.containsKey(id)) {
                error(layout.cell(column, r), "'" + key + "' is not an item of " + assessment.frameworkId() + " "
                        + assessment.version() + " that applies to this facility");
                return null;
            }
            return id;
        }

        private void answer(Row row, int r, String item, WorkbookLayout.Round round, String note) {
            String shown = text(row, round.value());
            LocalDate confirmedOn = date(row, r, round.confirmedOn());
            LocalDate targetDate = date(row, r, round.targetDate());
            if (shown == null) {
                if (confirmedOn != null || targetDate != null) {
                    error(layout.cell(round.value(), r), "round " + round.round() + " has a date but no answer: one of "
                            + layout.values().keySet());
                }
                return;
            }
            String value = layout.values().containsKey(shown) ? layout.values().get(shown)
                    : layout.values().containsValue(shown) ? shown : null;
            if (value == null) {
                error(layout.cell(round.value(), r), "'" + shown + "' is not an answer: one of " + layout.values().keySet());
                return;
            }
            Assessment.Answer before = current.get(item + "#" + round.round());
            if (before != null && before.value().equals(value) && Objects.equals(before.confirmedOn(), confirmedOn)
                    && Objects.equals(before.targetDate(), targetDate) && Objects.equals(before.note(), note)) {
                return; // as recorded: nothing to record again
            }
            List<AnswerBatch.EvidenceInput> evidence = before == null || before.evidence() == null || before.evidence().isEmpty()
                    ? null
                    : before.evidence().stream().map(e -> new AnswerBatch.EvidenceInput(e.uri(), e.sha256(),
                            e.expiresOn() == null ? null : e.expiresOn().toString())).toList();
            answers.add(new AnswerBatch.AnswerInput(item, round.round(), value, iso(confirmedOn), iso(targetDate), note, evidence));
            Map<String, String> at = new HashMap<>();
            at.put("requirementId", layout.cell(itemColumn(), r));
            at.put("round", layout.cell(round.value(), r));
            at.put("value", layout.cell(round.value(), r));
            at.put("confirmedOn", layout.cell(round.confirmedOn(), r));
            at.put("targetDate", layout.cell(round.targetDate(), r));
            if (layout.column("note") != null) {
                at.put("note", layout.cell(layout.column("note"), r));
            }
            cells.add(at);
        }

        private WorkbookLayout.Column itemColumn() {
            return layout.column("number".equals(layout.itemBy()) ? "number" : "requirementId");
        }

        /** Whether the row has nothing a user fills (the item's own cells aside). */
        private boolean blank(Row row) {
            for (WorkbookLayout.Round round : layout.rounds()) {
                for (WorkbookLayout.Column c : List.of(round.value(), round.confirmedOn(), round.targetDate())) {
                    if (text(row, c) != null) {
                        return false;
                    }
                }
            }
            return true;
        }

        private LocalDate date(Row row, int r, WorkbookLayout.Column column) {
            Cell cell = row.getCell(column.index());
            if (cell == null) {
                return null;
            }
            CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
            LocalDate date = null;
            if (type == CellType.NUMERIC) {
                double serial = cell.getNumericCellValue();
                date = DateUtil.isValidExcelDate(serial) ? DateUtil.getLocalDateTime(serial).toLocalDate() : null;
            } else if (type == CellType.STRING) {
                String text = cell.getStringCellValue().strip();
                if (text.isEmpty()) {
                    return null;
                }
                date = parse(text);
            } else if (type == CellType.BLANK) {
                return null;
            }
            if (date == null || date.isBefore(FormWorkbook.EARLIEST) || date.isAfter(FormWorkbook.LATEST)) {
                error(layout.cell(column, r), "'" + SHOWN.formatCellValue(cell) + "' is not a date from "
                        + FormWorkbook.EARLIEST + " to " + FormWorkbook.LATEST + " (yyyy-mm-dd)");
                return null;
            }
            return date;
        }

        private static LocalDate parse(String text) {
            for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, SLASHED)) {
                try {
                    return LocalDate.parse(text, format);
                } catch (DateTimeParseException e) {
                    // the next form
                }
            }
            return null;
        }

        private static String text(Row row, WorkbookLayout.Column column) {
            if (column == null || row.getCell(column.index()) == null) {
                return null;
            }
            String text = SHOWN.formatCellValue(row.getCell(column.index())).strip();
            return text.isEmpty() ? null : text;
        }

        private static String iso(LocalDate date) {
            return date == null ? null : date.toString();
        }

        private void error(String cell, String detail) {
            errors.add(new FieldError(cell, "cell " + cell + ": " + detail));
        }
    }
}
