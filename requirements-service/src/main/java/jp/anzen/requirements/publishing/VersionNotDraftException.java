package jp.anzen.requirements.publishing;

import jp.anzen.requirements.catalogue.VersionStatus;

/** Publishing needs an existing draft; {@code status} is null when the version does not exist. */
public class VersionNotDraftException extends RuntimeException {

    private final transient VersionStatus status;

    public VersionNotDraftException(String frameworkId, String version, VersionStatus status) {
        super(status == null ? "version " + version + " of " + frameworkId + " does not exist"
                : "version " + version + " of " + frameworkId + " is " + status.code() + ", not a draft");
        this.status = status;
    }

    public VersionStatus status() {
        return status;
    }
}
