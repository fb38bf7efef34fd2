package jp.anzen.requirements.publishing;

/**
 * Payload of {@code jp.anzen.catalogue.framework-version-superseded.v1}: a newer version was published.
 * The superseded version stays readable, and assessments of its fiscal year stay valid.
 */
public record FrameworkVersionSuperseded(String frameworkId, String version, String supersededBy) {

    public static final String TYPE = "jp.anzen.catalogue.framework-version-superseded.v1";
}
