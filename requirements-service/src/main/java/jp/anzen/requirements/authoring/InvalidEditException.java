package jp.anzen.requirements.authoring;

import java.util.List;

import jp.anzen.requirements.importing.BundleError;

/** An edit (or a new edition) that cannot be applied, with every error found, located in the request body. */
public class InvalidEditException extends RuntimeException {

    private final transient List<BundleError> errors;

    public InvalidEditException(String message, List<BundleError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<BundleError> errors() {
        return errors;
    }
}
