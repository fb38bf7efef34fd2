-- Events that reached the projection before an earlier event of their own stream. Applying one would mark the missing
-- event applied and lose it; dropping it lost it too when the missing event came later alone (a topic whose stream
-- order was wrong: a vendor form's versions 42 to 51 ahead of 32 to 41). Each is kept here until its predecessor
-- is applied, then applied in order and deleted, in the same transaction (projection/HeldEvents).
CREATE TABLE held_event (
    stream_id      text NOT NULL,
    stream_version int  NOT NULL,
    event_id       text,
    type           text NOT NULL,
    event_time     timestamptz,
    payload        text NOT NULL,
    -- where it was read (topic-partition@offset), for whoever looks at a stream that stays held
    read_at        text NOT NULL,
    held_since     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, stream_version)
);
