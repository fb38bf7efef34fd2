-- Long exports (export/ExportJobs). Kept here rather than in one instance's memory, so that whichever instance a
-- client reaches answers for the export, and a restart loses none that finished. Service state, not a projection:
-- a rebuild leaves this table where it is (rebuild/ProjectionRebuilder.SERVICE_STATE).
CREATE TABLE export_job (
    id            uuid PRIMARY KEY,
    owner         text NOT NULL,
    filename      text NOT NULL,
    media_type    text NOT NULL,
    state         text NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    rows_written  bigint NOT NULL DEFAULT 0,
    rows_total    bigint NOT NULL DEFAULT 0,
    started_at    timestamptz NOT NULL DEFAULT now(),
    -- the writing instance says every few seconds that it is still at it; a job silent for long died with it
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    error         text,
    content       bytea
);
CREATE INDEX export_job_forget ON export_job (coalesce(finished_at, heartbeat_at));
