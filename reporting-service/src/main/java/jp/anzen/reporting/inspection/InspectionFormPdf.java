package jp.anzen.reporting.inspection;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import jp.anzen.reporting.export.JapaneseFont;

/**
 * The inspection form on A4 pages: a heading per form, then per item its number, wording (wrapped), and the
 * first and second confirmation with dates, as the paper form lays them out. Japanese text uses the embedded font.
 */
final class InspectionFormPdf {

    private static final float MARGIN = 40;
    private static final float FONT_SIZE = 9;
    private static final float LEADING = 13;
    private static final float NUMBER_WIDTH = 50;
    private static final float ANSWER_WIDTH = 150;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final PDDocument document = new PDDocument();
    private final PDType0Font font = JapaneseFont.embedIn(document);
    private PDPageContentStream page;
    private float y;

    static void write(InspectionForm form, OutputStream out) {
        new InspectionFormPdf().render(form, out);
    }

    private void render(InspectionForm form, OutputStream out) {
        try (document) {
            newPage();
            // from FY2026 one form serves institutions and pharmacies alike
            line(MARGIN, (form.fiscalYear() >= 2026 ? "医療機関・薬局" : "医療機関") + "におけるサイバーセキュリティ対策チェックリスト 令和"
                    + (form.fiscalYear() - 2018) + "年度 (FY" + form.fiscalYear() + ")", 12);
            line(MARGIN, form.name() + " (" + form.facilityCode() + ")  都道府県 " + form.prefecture(), FONT_SIZE);
            line(MARGIN, "時点 (as of): " + form.asOf().atZone(JAPAN).toLocalDateTime().withNano(0), FONT_SIZE);
            if (form.stale() != null) {
                line(MARGIN, form.stale().line(), FONT_SIZE);
            }
            for (var f : form.forms()) {
                y -= LEADING / 2;
                line(MARGIN, (f.titleJa() == null ? f.frameworkId() : f.titleJa()) + "  " + f.version()
                        + (f.vendorId() == null ? "" : "  (事業者: " + f.vendorId() + ")"), 11);
                if (f.provisional() != null) {
                    for (String part : wrap(f.provisional().line(), contentRight() - MARGIN)) {
                        line(MARGIN, part, FONT_SIZE);
                    }
                }
                line(MARGIN, "項番", FONT_SIZE, MARGIN + NUMBER_WIDTH, "確認項目", contentRight() - ANSWER_WIDTH,
                        "1回目 / 2回目 (目標日)");
                for (var item : f.items()) {
                    item(item);
                }
            }
            page.close();
            document.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void item(InspectionForm.Item item) throws IOException {
        float textX = MARGIN + NUMBER_WIDTH;
        float answerX = contentRight() - ANSWER_WIDTH;
        List<String> wording = new java.util.ArrayList<>(wrap(item.textJa() == null ? "" : item.textJa(), answerX - textX - 8));
        if (item.changedSince() != null) {
            // an answer stays with the revision it was given against; the form says the item changed since
            for (var change : item.changedSince()) {
                wording.addAll(wrap("※ " + change.line(), answerX - textX - 8));
            }
        }
        List<String> answers = List.of(confirmation("1", item.first()), confirmation("2", item.second()));
        int lines = Math.max(wording.size(), answers.size());
        if (y - lines * LEADING < MARGIN) {
            newPage();
        }
        for (int i = 0; i < lines; i++) {
            line(MARGIN, i == 0 ? item.number() : "", FONT_SIZE, textX, i < wording.size() ? wording.get(i) : "",
                    answerX, i < answers.size() ? answers.get(i) : "");
        }
    }

    private static String confirmation(String round, InspectionForm.Confirmation c) {
        if (c == null) {
            return round + ": 未回答";
        }
        String value = switch (c.value()) {
            case "yes" -> "はい";
            case "no" -> "いいえ";
            case "not-applicable" -> "該当なし";
            default -> c.value();
        };
        return round + ": " + value + (c.confirmedOn() == null ? "" : " " + c.confirmedOn())
                + (c.targetDate() == null ? "" : " (目標 " + c.targetDate() + ")");
    }

    /** Japanese has no spaces to break at: break wherever the next character would pass the width. */
    private List<String> wrap(String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            String next = current + Character.toString(cp);
            if (!current.isEmpty() && font.getStringWidth(next) / 1000 * FONT_SIZE > width) {
                lines.add(current.toString());
                current.setLength(0);
            }
            current.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        if (!current.isEmpty() || lines.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private void line(float x, String text, float size) throws IOException {
        line(x, text, size, 0, null, 0, null);
    }

    private void line(float x1, String t1, float size, float x2, String t2, float x3, String t3) throws IOException {
        if (y - LEADING < MARGIN) {
            newPage();
        }
        y -= size > FONT_SIZE ? size + 4 : LEADING;
        show(x1, t1, size);
        show(x2, t2, size);
        show(x3, t3, size);
    }

    private void show(float x, String text, float size) throws IOException {
        if (text == null || text.isEmpty()) {
            return;
        }
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, y);
        page.showText(text);
        page.endText();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        y = next.getMediaBox().getHeight() - MARGIN;
    }

    private static float contentRight() {
        return PDRectangle.A4.getWidth() - MARGIN;
    }
}
