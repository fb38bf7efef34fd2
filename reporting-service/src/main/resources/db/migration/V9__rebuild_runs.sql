-- Projection rebuilds (rebuild/RebuildRuns): whichever instance a client reaches answers for any of them, and a
-- restart loses none. Service state, not a projection: a rebuild leaves this table where it is.
CREATE TABLE rebuild_run (
    id                 uuid PRIMARY KEY,
    requested_by       text NOT NULL,
    state              text NOT NULL CHECK (state IN ('RUNNING', 'SWITCHED', 'FAILED')),
    assessment_events  bigint NOT NULL DEFAULT 0,
    catalogue_events   bigint NOT NULL DEFAULT 0,
    started_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- the rebuilding instance writes its progress after every poll; a rebuild silent for long died with it
    heartbeat_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    switched_at        timestamptz,
    error              text
);
