package jp.anzen.requirements.importing;

import java.util.List;

/** A bundle that cannot be imported, with every error found in it. */
public class InvalidBundleException extends RuntimeException {

    private final transient List<BundleError> errors;

    public InvalidBundleException(String message, List<BundleError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<BundleError> errors() {
        return errors;
    }
}
