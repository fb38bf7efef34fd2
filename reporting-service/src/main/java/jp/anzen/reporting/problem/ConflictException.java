package jp.anzen.reporting.problem;

/** The request cannot be done now, because of the state of something else; the message says what to do. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
