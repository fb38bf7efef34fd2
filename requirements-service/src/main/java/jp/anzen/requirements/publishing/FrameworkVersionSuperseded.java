package jp.anzen.requirements.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@code jp.anzen.catalogue.framework-version-superseded.v1}: a newer version was published.
 * The superseded version stays readable, and assessments of its fiscal year stay valid. {@code supersededByFramework}
 * is set when the successor is a form of another framework (two forms merged into one); absent, it is the same.
 */
public record FrameworkVersionSuperseded(String frameworkId, String version, String supersededBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String supersededByFramework) {

    public static final String TYPE = "jp.anzen.catalogue.framework-version-superseded.v1";

    public FrameworkVersionSuperseded(String frameworkId, String version, String supersededBy) {
        this(frameworkId, version, supersededBy, null);
    }
}
