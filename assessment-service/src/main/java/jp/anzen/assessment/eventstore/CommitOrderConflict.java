package jp.anzen.assessment.eventstore;

/**
 * The stream's last event was written by a transaction that began after this one: appended now, these events would
 * reach Kafka before it, because the relay publishes in transaction order. Nothing was written; run the command
 * again in a new transaction, which will begin after that one.
 */
public class CommitOrderConflict extends StreamConflictException {

    public CommitOrderConflict(String streamId, int expectedVersion) {
        super(streamId, expectedVersion, "stream " + streamId + " was written at version " + expectedVersion
                + " by a transaction that began after this one; run again");
    }
}
