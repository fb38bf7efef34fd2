package jp.anzen.assessment.eventstore;

/** Someone else appended to the stream since the caller read it: nothing was written. */
public class StreamConflictException extends RuntimeException {

    private final String streamId;
    private final int expectedVersion;

    public StreamConflictException(String streamId, int expectedVersion) {
        this(streamId, expectedVersion, "stream " + streamId + " is no longer at version " + expectedVersion);
    }

    protected StreamConflictException(String streamId, int expectedVersion, String message) {
        super(message);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public String streamId() {
        return streamId;
    }

    public int expectedVersion() {
        return expectedVersion;
    }
}
