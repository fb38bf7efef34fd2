-- The event store: the source of truth of the assessment service. Append-only.
CREATE TABLE event (
    global_id      bigserial PRIMARY KEY,
    -- commit order for the relay: rows are read below the oldest running transaction (see EventRelay)
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    event_id       uuid NOT NULL UNIQUE,
    stream_id      text NOT NULL,
    stream_version int  NOT NULL CHECK (stream_version > 0),
    facility_code  text NOT NULL,
    type           text NOT NULL,
    payload        jsonb NOT NULL,
    metadata       jsonb NOT NULL,
    -- the time of the insert itself, so that later events of a stream never carry an earlier time
    recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- optimistic concurrency: two writers of the same version cannot both commit
    UNIQUE (stream_id, stream_version)
);
CREATE INDEX event_relay_order ON event (transaction_id, global_id);
CREATE INDEX event_facility ON event (facility_code, global_id);

CREATE RULE event_no_update AS ON UPDATE TO event DO INSTEAD NOTHING;
CREATE RULE event_no_delete AS ON DELETE TO event DO INSTEAD NOTHING;

CREATE TABLE relay_checkpoint (
    relay                text PRIMARY KEY,
    last_transaction_id  xid8 NOT NULL,
    last_global_id       bigint NOT NULL
);
INSERT INTO relay_checkpoint VALUES ('assessment-events', '0', 0);

-- One assessment per (facility, framework version, vendor, fiscal year): a second open is refused.
CREATE TABLE assessment_key (
    assessment_id  uuid PRIMARY KEY,
    facility_code  text NOT NULL,
    framework_id   text NOT NULL,
    version        text NOT NULL,
    vendor_id      text NOT NULL DEFAULT '',
    fiscal_year    int  NOT NULL,
    UNIQUE (facility_code, framework_id, version, vendor_id, fiscal_year)
);

-- Read-only replica of the published catalogue, fed from catalogue-events.
CREATE TABLE published_version (
    framework_id   text NOT NULL,
    version        text NOT NULL,
    framework_kind text NOT NULL,
    fiscal_year    int,
    event_id       text NOT NULL,
    PRIMARY KEY (framework_id, version)
);
CREATE TABLE published_requirement (
    requirement_id text PRIMARY KEY,
    framework_id   text NOT NULL,
    version        text NOT NULL,
    kind           text NOT NULL,
    number         text,
    facility_kinds text[] NOT NULL,
    FOREIGN KEY (framework_id, version) REFERENCES published_version (framework_id, version)
);
