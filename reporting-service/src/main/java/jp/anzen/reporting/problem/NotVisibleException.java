package jp.anzen.reporting.problem;

/** Missing, or not the caller's to read: both answer 404 alike, so that reports leak no existence. */
public class NotVisibleException extends RuntimeException {

    public NotVisibleException(String message) {
        super(message);
    }
}
