package jp.anzen.requirements.catalogue;

/** A version is imported as a draft, published (immutable from then on), then superseded by a newer one. */
public enum VersionStatus {
    DRAFT, PUBLISHED, SUPERSEDED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static VersionStatus of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
