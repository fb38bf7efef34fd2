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

    /**
     * The Content-Disposition of a download ({@code anzen-network-net-1-FY2025.xlsx}). A name of letters, digits, dots,
     * dashes and underscores goes as it is; any other goes as RFC 6266 says: UTF-8 percent-encoded in {@code filename*},
     * with a plain stand-in for old clients, so that no character of an id can end or extend the header.
     */
    public String attachment(String basename) {
        String name = basename + "." + extension;
        if (SAFE_NAME.matcher(name).matches()) {
            return "attachment; filename=\"" + name + "\"";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ".-_".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''" + encoded;
    }

    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]+");

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
