-- The facility directory: the current registration of each facility, for listing and filtering. Written in
-- the same transaction as the facility's events, so it never disagrees with them.
CREATE TABLE facility_directory (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL,
    prefecture  text NOT NULL,
    networks    text[] NOT NULL DEFAULT '{}',
    vendors     text[] NOT NULL DEFAULT '{}',
    version     int  NOT NULL
);
CREATE INDEX facility_directory_prefecture ON facility_directory (prefecture, code);
CREATE INDEX facility_directory_networks ON facility_directory USING gin (networks);

-- A vendor push is stored once per Idempotency-Key: a retry gets the first answer and stores nothing new.
CREATE TABLE idempotency (
    client_id        text NOT NULL,
    idempotency_key  text NOT NULL,
    request_hash     text NOT NULL,
    status           int,
    response         text,  -- verbatim, so that a retry gets the very same bytes
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, idempotency_key)
);

-- Published service profiles, replicated from catalogue-events: what a facility inherits from its providers.
CREATE TABLE published_profile (
    profile_id         text NOT NULL,
    version            text NOT NULL,
    framework_id       text NOT NULL,
    framework_version  text NOT NULL,
    provider           text NOT NULL,
    example            boolean NOT NULL,
    PRIMARY KEY (profile_id, version)
);
CREATE TABLE published_profile_entry (
    profile_id      text NOT NULL,
    version         text NOT NULL,
    requirement_id  text NOT NULL,
    responsibility  text NOT NULL,
    note            text,
    PRIMARY KEY (profile_id, version, requirement_id),
    FOREIGN KEY (profile_id, version) REFERENCES published_profile (profile_id, version)
);

-- Equivalences between editions, replicated from catalogue-events: what carries forward to a new edition.
CREATE TABLE published_equivalence (
    from_requirement  text NOT NULL,
    to_requirement    text NOT NULL,
    PRIMARY KEY (from_requirement, to_requirement)
);
