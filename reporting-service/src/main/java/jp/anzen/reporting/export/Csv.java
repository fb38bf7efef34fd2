package jp.anzen.reporting.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** CSV exports: UTF-8 with a byte-order mark, so that Excel shows Japanese; a header row. */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final CsvMapper MAPPER = new CsvMapper();

    private Csv() {
    }

    /** Rows of a record type, its properties as columns in their declared order. */
    public static byte[] of(Class<?> rowType, Object rows) {
        return write(MAPPER.writer(MAPPER.schemaFor(rowType).withHeader()), rows);
    }

    /** Rows as maps with the given columns. */
    public static byte[] of(Iterable<String> columns, Object rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return write(MAPPER.writer(schema.build()), rows);
    }

    private static byte[] write(ObjectWriter writer, Object rows) {
        try {
            return ("\uFEFF" + writer.writeValueAsString(rows)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
