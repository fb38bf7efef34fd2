package jp.anzen.reporting.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Noto Sans JP, put on the classpath by the build. PDFs embed the subset of glyphs they use, so that
 * Japanese shows (and can be searched and copied) on a machine without Japanese fonts.
 */
public final class JapaneseFont {

    private static final String RESOURCE = "/fonts/400Regular/NotoSansJP_400Regular.ttf";
    private static volatile byte[] bytes;

    private JapaneseFont() {
    }

    public static PDType0Font embedIn(PDDocument document) {
        try {
            return PDType0Font.load(document, new java.io.ByteArrayInputStream(bytes()), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes() {
        byte[] loaded = bytes;
        if (loaded == null) {
            try (InputStream in = JapaneseFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing: the build fetches it (reporting-service/pom.xml)");
                }
                loaded = in.readAllBytes();
                bytes = loaded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }
}
