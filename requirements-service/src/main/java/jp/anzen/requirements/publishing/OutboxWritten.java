package jp.anzen.requirements.publishing;

/**
 * Fired in the transaction that wrote to the outbox; its observer runs after that transaction committed
 * ({@link OutboxRelay#committed}). It carries nothing: the relay reads what was committed from the table.
 */
public enum OutboxWritten {
    INSTANCE
}
