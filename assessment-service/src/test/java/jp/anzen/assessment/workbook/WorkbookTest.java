package jp.anzen.assessment.workbook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

/**
 * The form as an Excel workbook, both ways: downloaded, filled with POI (as a user fills it in Excel) or re-saved by
 * LibreOffice, uploaded back as one answer batch; bad cells are named by sheet and cell and store nothing.
 */
@QuarkusTest
class WorkbookTest {

    private static final String SHEET = "回答 answers";

    @BeforeEach
    void catalogue() throws Exception {
        Fixtures.catalogueVersionPublished();
    }

    private static String open(String token, String code) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"test-checklist\",\"version\":\"2025\",\"fiscalYear\":2025}")
                .when().post("/api/facilities/" + code + "/assessments")
                .then().statusCode(201).extract().header("Location");
    }

    private static byte[] download(String token, String assessment) {
        return given().auth().oauth2(token).when().get(assessment + "/workbook")
                .then().statusCode(200).contentType(WorkbookResource.XLSX)
                .header("Content-Disposition", containsString(".xlsx")).extract().asByteArray();
    }

    private static io.restassured.response.ValidatableResponse upload(String token, String assessment, byte[] workbook) {
        return given().auth().oauth2(token).contentType(WorkbookResource.XLSX).body(workbook)
                .when().put(assessment + "/workbook").then();
    }

    /** Fills rows as a user would: the row whose column A holds the item, the cells by letter. */
    private static byte[] fill(byte[] workbook, Object[][] cells) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheet(SHEET);
            for (Object[] cell : cells) {
                Row row = rowOf(sheet, (String) cell[0]);
                var target = row.getCell(org.apache.poi.ss.util.CellReference.convertColStringToIndex((String) cell[1]));
                if (cell[2] instanceof LocalDate date) {
                    target.setCellValue(date);
                } else {
                    target.setCellValue((String) cell[2]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static Row rowOf(Sheet sheet, String requirementId) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && requirementId.equals(row.getCell(0).toString())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + requirementId);
    }

    private static final Object[][] FILLED = {
            { Fixtures.ITEM_MANAGER, "D", "はい" }, { Fixtures.ITEM_MANAGER, "E", LocalDate.of(2025, 6, 2) },
            { Fixtures.ITEM_PASSWORD, "D", "いいえ" }, { Fixtures.ITEM_PASSWORD, "E", LocalDate.of(2025, 6, 2) },
            { Fixtures.ITEM_PASSWORD, "F", LocalDate.of(2026, 1, 31) }, { Fixtures.ITEM_PASSWORD, "J", "更新予定" } };

    @Test
    void a_downloaded_workbook_filled_and_uploaded_records_the_same_answers_once() throws Exception {
        String manager = Fixtures.registeredHospital("2310000075");
        String assessment = open(manager, "2310000075");
        byte[] empty = download(manager, assessment);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(empty))) {
            Sheet sheet = book.getSheet(SHEET);
            Assertions.assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("テスト", "令和7年度版", "2310000075");
            Assertions.assertThat(sheet.getRow(4).getCell(3).getStringCellValue()).isEqualTo("1回目 回答");
            // the hospital's items only (the pharmacy item is not in its form), with はい/いいえ/該当なし lists
            Assertions.assertThat(sheet.getLastRowNum()).isEqualTo(6);
            Assertions.assertThat(sheet.getRow(5).getCell(1).getStringCellValue()).isEqualTo("1①");
            Assertions.assertThat(sheet.getDataValidations()).anySatisfy(v -> Assertions.assertThat(
                    v.getValidationConstraint().getExplicitListValues()).containsExactly("はい", "いいえ", "該当なし"));
        }
        byte[] filled = fill(empty, FILLED);
        upload(manager, assessment, filled).statusCode(200).body("answersRecorded", equalTo(2))
                .body("uploadedBefore", equalTo(false))
                .body("assessment.answers.requirementId", containsInAnyOrder(Fixtures.ITEM_MANAGER, Fixtures.ITEM_PASSWORD));
        given().auth().oauth2(manager).when().get(assessment).then().statusCode(200)
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.value", equalTo("no"))
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.targetDate", equalTo("2026-01-31"))
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.note", equalTo("更新予定"))
                .body("streamVersion", equalTo(2));
        // the same file again records nothing
        upload(manager, assessment, filled).statusCode(200).body("uploadedBefore", equalTo(true))
                .body("assessment.streamVersion", equalTo(2));
        // downloaded again, the workbook holds the answers; uploaded unchanged (another file), it records nothing new
        byte[] again = download(manager, assessment);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(again))) {
            Row password = rowOf(book.getSheet(SHEET), Fixtures.ITEM_PASSWORD);
            Assertions.assertThat(password.getCell(3).getStringCellValue()).isEqualTo("いいえ");
            Assertions.assertThat(password.getCell(5).getLocalDateTimeCellValue().toLocalDate()).isEqualTo("2026-01-31");
        }
        upload(manager, assessment, again).statusCode(200).body("answersRecorded", equalTo(0))
                .body("assessment.streamVersion", equalTo(2));
    }

    @Test
    void a_workbook_re_saved_by_libreoffice_uploads_the_same_answers() throws Exception {
        String manager = Fixtures.registeredHospital("2310000083");
        String assessment = open(manager, "2310000083");
        byte[] resaved = LibreOffice.resave(fill(download(manager, assessment), FILLED));
        upload(manager, assessment, resaved).statusCode(200).body("answersRecorded", equalTo(2));
        given().auth().oauth2(manager).when().get(assessment).then().statusCode(200)
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_MANAGER + "' }.confirmedOn", equalTo("2025-06-02"))
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.targetDate", equalTo("2026-01-31"))
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.note", equalTo("更新予定"));
    }

    @Test
    void bad_cells_are_named_by_sheet_and_cell_and_nothing_is_stored() throws Exception {
        String manager = Fixtures.registeredHospital("2310000091");
        String assessment = open(manager, "2310000091");
        byte[] empty = download(manager, assessment);
        byte[] bad = fill(empty, new Object[][] {
                { Fixtures.ITEM_MANAGER, "D", "たぶん" }, { Fixtures.ITEM_MANAGER, "H", "2025-13-45" },
                // a second-round target date without a second-round answer
                { Fixtures.ITEM_PASSWORD, "I", LocalDate.of(2026, 1, 31) } });
        upload(manager, assessment, bad).statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder(SHEET + "!D6", SHEET + "!H6", SHEET + "!G7"));
        // a いいえ without its target date: the batch's own rule, found at its cell
        byte[] batchRule = fill(empty, new Object[][] {
                { Fixtures.ITEM_PASSWORD, "D", "いいえ" }, { Fixtures.ITEM_PASSWORD, "E", LocalDate.of(2025, 6, 2) } });
        upload(manager, assessment, batchRule).statusCode(400)
                .body("errors.pointer", containsInAnyOrder(SHEET + "!F7"))
                .body("errors[0].detail", containsString("targetDate"));
        given().auth().oauth2(manager).when().get(assessment).then().body("answers", hasSize(0)).body("streamVersion", equalTo(1));

        // not a workbook, a workbook of another layout, another type
        upload(manager, assessment, "not a zip".getBytes()).statusCode(400).body("errors[0].detail", containsString(".xlsx"));
        try (XSSFWorkbook other = new XSSFWorkbook()) {
            other.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("項番");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            other.write(out);
            upload(manager, assessment, out.toByteArray()).statusCode(400)
                    .body("errors[0].detail", containsString("layout anzen-form-1: a sheet named '回答 answers'"));
        }
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{}").when().put(assessment + "/workbook")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void only_those_who_answer_the_form_upload_it_and_others_do_not_see_it() throws Exception {
        String manager = Fixtures.registeredHospital("2310000105");
        String assessment = open(manager, "2310000105");
        byte[] filled = fill(download(manager, assessment), FILLED);
        String stranger = Fixtures.registeredHospital("2310000113");
        given().auth().oauth2(stranger).when().get(assessment + "/workbook").then().statusCode(404);
        upload(stranger, assessment, filled).statusCode(404);
        String ops = Fixtures.token("demo-ops");
        upload(ops, assessment, filled).statusCode(org.hamcrest.Matchers.anyOf(equalTo(403), equalTo(404)));
        given().auth().oauth2(manager).when().get(assessment).then().body("answers", hasSize(0));
        // a workbook of another assessment is refused by the id it carries
        String second = Fixtures.registeredHospital("2310000121");
        upload(second, open(second, "2310000121"), filled).statusCode(400)
                .body("errors.pointer", hasItem(SHEET + "!B3"));
    }
}
