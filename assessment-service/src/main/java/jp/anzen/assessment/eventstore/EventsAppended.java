package jp.anzen.assessment.eventstore;

/**
 * Fired in the transaction that appended events; its observer runs after that transaction committed
 * ({@link EventRelay#committed}). It carries nothing: the relay reads what was committed from the table.
 */
public enum EventsAppended {
    INSTANCE
}
