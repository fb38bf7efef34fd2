-- The catalogue: frameworks, their versions and the requirement tree of each version.
CREATE TABLE framework (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('guideline', 'checklist', 'profile')),
    title_ja    text NOT NULL,
    title_en    text NOT NULL,
    publisher   text NOT NULL
);

CREATE TABLE framework_version (
    framework_id  text NOT NULL REFERENCES framework (id),
    version       text NOT NULL,
    status        text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    title_ja      text NOT NULL,
    title_en      text NOT NULL,
    fiscal_year   int,
    released      text,
    source_urls   jsonb NOT NULL DEFAULT '[]',
    notes         text,
    imported_at   timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    PRIMARY KEY (framework_id, version)
);

CREATE TABLE requirement (
    id             text PRIMARY KEY,
    framework_id   text NOT NULL,
    version        text NOT NULL,
    parent_id      text REFERENCES requirement (id),
    position       int  NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('group', 'item', 'pre-question')),
    number         text,
    text_ja        text NOT NULL,
    text_en        text,
    target         text,
    obligation     text CHECK (obligation IN ('required', 'reference')),
    required_from  int,
    deadline       date,
    facility_kinds text[] NOT NULL DEFAULT '{}',
    guideline_refs text[] NOT NULL DEFAULT '{}',
    confidence     text NOT NULL CHECK (confidence IN ('verified', 'verified-draft', 'secondary', 'unverified')),
    -- official: the printed wording; truncated: only part of it was seen; not-seen: a paraphrase
    wording        text NOT NULL DEFAULT 'official' CHECK (wording IN ('official', 'truncated', 'not-seen')),
    source_urls    jsonb NOT NULL DEFAULT '[]',
    notes          text,
    FOREIGN KEY (framework_id, version) REFERENCES framework_version (framework_id, version)
);
CREATE INDEX requirement_version ON requirement (framework_id, version, position);

-- Transactional outbox: written in the same transaction as the change it announces, relayed to Kafka
-- in commit order (transaction id, then id) by OutboxRelay.
CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    topic          text NOT NULL,
    event_id       uuid NOT NULL DEFAULT gen_random_uuid(),
    message_key    text NOT NULL,
    type           text NOT NULL,
    subject        text NOT NULL,
    payload        jsonb NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_order ON outbox (transaction_id, id);

CREATE TABLE outbox_checkpoint (
    relay                text PRIMARY KEY,
    last_transaction_id  xid8 NOT NULL,
    last_id              bigint NOT NULL
);
INSERT INTO outbox_checkpoint VALUES ('catalogue-events', '0', 0);
