package jp.anzen.reporting.readiness;

/**
 * A form answered on a provisional edition: the catalogue published it before its official wording or numbering was
 * seen, and says why. Every report that shows the form says so, in Japanese and English.
 */
public record Provisional(String reason) {

    public static final String LABEL = "暫定版 (provisional edition)";

    public static Provisional of(String reason) {
        return reason == null ? null : new Provisional(reason);
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public String label() {
        return LABEL;
    }

    /** The line a printed report carries under the form's title. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String line() {
        return "【" + LABEL + "】 " + reason;
    }
}
