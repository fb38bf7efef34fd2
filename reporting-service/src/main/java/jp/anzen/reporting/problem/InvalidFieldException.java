package jp.anzen.reporting.problem;

/** A field of the request body that cannot be used, at its JSON pointer, and what it should be. */
public class InvalidFieldException extends RuntimeException {

    private final String pointer;

    public InvalidFieldException(String pointer, String detail) {
        super(detail);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
