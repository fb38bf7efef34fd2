-- Projections of catalogue-events and assessment-events. Rebuildable from the topics at any time.

-- Exactly-once in effect: the last stream version applied, updated in the same transaction as the change.
CREATE TABLE applied_stream (
    stream_id  text PRIMARY KEY,
    version    int  NOT NULL
);

CREATE TABLE catalogue_version (
    framework_id   text NOT NULL,
    version        text NOT NULL,
    framework_kind text NOT NULL,
    title_ja       text NOT NULL,
    title_en       text,
    fiscal_year    int,
    PRIMARY KEY (framework_id, version)
);

CREATE TABLE catalogue_item (
    requirement_id text PRIMARY KEY,
    framework_id   text NOT NULL,
    version        text NOT NULL,
    position       int  NOT NULL,
    kind           text NOT NULL,
    number         text,
    text_ja        text NOT NULL,
    text_en        text,
    target         text,
    facility_kinds text[] NOT NULL,
    FOREIGN KEY (framework_id, version) REFERENCES catalogue_version (framework_id, version)
);

CREATE TABLE facility (
    code           text PRIMARY KEY,
    name           text NOT NULL,
    kind           text NOT NULL,
    prefecture     text NOT NULL,
    has_system     boolean NOT NULL,
    registered_at  timestamptz NOT NULL
);
CREATE INDEX facility_prefecture ON facility (prefecture);

CREATE TABLE facility_network (
    facility_code  text NOT NULL REFERENCES facility (code),
    network_id     text NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    PRIMARY KEY (facility_code, network_id, valid_from)
);

CREATE TABLE assessment (
    id             uuid PRIMARY KEY,
    facility_code  text NOT NULL REFERENCES facility (code),
    framework_id   text NOT NULL,
    version        text NOT NULL,
    fiscal_year    int  NOT NULL,
    vendor_id      text,
    opened_at      timestamptz NOT NULL
);
CREATE INDEX assessment_facility ON assessment (facility_code, fiscal_year);

-- Every answer with the interval in which it was the current one: reports take asOf.
CREATE TABLE answer (
    assessment_id  uuid NOT NULL REFERENCES assessment (id),
    requirement_id text NOT NULL,
    round          int  NOT NULL,
    value          text NOT NULL,
    confirmed_on   date NOT NULL,
    target_date    date,
    note           text,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    event_id       text NOT NULL UNIQUE
);
CREATE INDEX answer_current ON answer (assessment_id, requirement_id, round) WHERE valid_to IS NULL;
CREATE INDEX answer_history ON answer (assessment_id, valid_from);
