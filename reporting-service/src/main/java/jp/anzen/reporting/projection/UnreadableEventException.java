package jp.anzen.reporting.projection;

/** An event this reader cannot apply as it stands: it is dead-lettered, never retried in place. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }
}
