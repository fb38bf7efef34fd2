package jp.anzen.reporting.export;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MediaType;

import jp.anzen.reporting.problem.InvalidParameterException;

/** The {@code format} parameter of the reports: what a client may ask for, and what each format is on the wire. */
public enum ExportFormat {
    JSON(MediaType.APPLICATION_JSON, "json"),
    CSV(Csv.MEDIA_TYPE, "csv"),
    XLSX(Spreadsheet.MEDIA_TYPE, "xlsx"),
    PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** A Content-Disposition value that names the download, e.g. {@code anzen-network-net-1-FY2025.xlsx}. */
    public String attachment(String basename) {
        return "attachment; filename=\"" + basename + "." + extension + "\"";
    }

    /** JSON when absent; otherwise one of {@code offered}, or a problem that lists them. */
    public static ExportFormat parse(String parameter, ExportFormat... offered) {
        Set<ExportFormat> allowed = EnumSet.copyOf(Arrays.asList(offered));
        if (parameter == null || parameter.isBlank()) {
            return JSON;
        }
        for (ExportFormat format : allowed) {
            if (format.extension.equals(parameter.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new InvalidParameterException("format",
                allowed.stream().map(f -> f.extension).collect(Collectors.joining(", ", "one of ", "")));
    }
}
