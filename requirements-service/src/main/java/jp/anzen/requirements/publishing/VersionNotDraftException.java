package jp.anzen.requirements.publishing;

import jp.anzen.requirements.catalogue.VersionStatus;

/** Publishing needs an existing draft; {@code status} is null when there is no such thing. */
public class VersionNotDraftException extends RuntimeException {

    private final transient VersionStatus status;

    public VersionNotDraftException(String frameworkId, String version, VersionStatus status) {
        this("version " + version + " of " + frameworkId, status);
    }

    /** @param what e.g. "mapping set edition:a:1--a:2" */
    public VersionNotDraftException(String what, VersionStatus status) {
        super(status == null ? what + " does not exist" : what + " is " + status.code() + ", not a draft");
        this.status = status;
    }

    public VersionStatus status() {
        return status;
    }
}
