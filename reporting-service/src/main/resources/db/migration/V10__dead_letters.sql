-- Events a projection could not apply (unreadable, of an unknown type or version, a value it cannot store, a
-- constraint it breaks). Each is kept here, whole and exactly as it was read, with the reason; the projection goes on
-- with every other event, and the facility whose stream it belongs to shows as stale in its reports while one is
-- pending. An admin lists them and replays one once the cause is fixed (deadletter/). Service state, not a projection:
-- a rebuild leaves the table in place, and marks replayed the ones it could now apply.
CREATE TABLE dead_letter (
    id               uuid PRIMARY KEY,
    -- where it was read: unique, so that a redelivery after a crash or a rebalance never dead-letters it twice
    source_topic     text   NOT NULL,
    source_partition int    NOT NULL,
    source_offset    bigint NOT NULL,
    record_key       text,
    -- [[name, base64 value], ...] and the value's bytes: kept exactly, whatever they hold (NUL, broken JSON)
    headers          jsonb  NOT NULL,
    payload          bytea,
    event_type       text,
    stream_id        text,
    stream_version   int,
    -- the facility of an assessment event (its key), whose reports are stale while this is pending
    facility_code    text,
    reason           text   NOT NULL,
    status           text   NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed', 'dismissed')),
    attempts         int    NOT NULL DEFAULT 1,
    dead_since       timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz,
    resolved_by      text,
    resolution_note  text,
    -- when it reached the dead-letter topic; null until then (sent again by the next attempt)
    published_at     timestamptz,
    UNIQUE (source_topic, source_partition, source_offset)
);
CREATE INDEX dead_letter_pending_facility ON dead_letter (facility_code, dead_since) WHERE status = 'pending';
CREATE INDEX dead_letter_unpublished ON dead_letter (dead_since) WHERE published_at IS NULL;
