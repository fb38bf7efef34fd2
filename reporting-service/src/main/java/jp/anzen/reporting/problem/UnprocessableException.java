package jp.anzen.reporting.problem;

/** A well-formed request that cannot be carried out as things stand (422); the message says why and what to do. */
public class UnprocessableException extends RuntimeException {

    private final String kind;

    public UnprocessableException(String kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
