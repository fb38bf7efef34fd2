-- Guideline sections are requirements of kind 'section'; wording 'derived' marks a text taken from another
-- form of the same edition and not confirmed for this one.
ALTER TABLE requirement DROP CONSTRAINT requirement_kind_check;
ALTER TABLE requirement ADD CONSTRAINT requirement_kind_check CHECK (kind IN ('group', 'item', 'pre-question', 'section'));
ALTER TABLE requirement DROP CONSTRAINT requirement_wording_check;
ALTER TABLE requirement ADD CONSTRAINT requirement_wording_check
    CHECK (wording IN ('official', 'truncated', 'not-seen', 'derived'));
CREATE INDEX requirement_search ON requirement USING gin (to_tsvector('simple', coalesce(text_en, '')));

-- A set of mappings from one framework version to another: edition to edition (equivalent, changed,
-- added, merged, split, removed) or a checklist citing the guideline (cites). Versioned like frameworks:
-- draft, then published (immutable), then superseded.
CREATE TABLE mapping_set (
    id              text PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('edition', 'cites')),
    from_framework  text NOT NULL,
    from_version    text NOT NULL,
    to_framework    text NOT NULL,
    to_version      text NOT NULL,
    status          text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    imported_at     timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    FOREIGN KEY (from_framework, from_version) REFERENCES framework_version (framework_id, version),
    FOREIGN KEY (to_framework, to_version) REFERENCES framework_version (framework_id, version),
    UNIQUE (kind, from_framework, from_version, to_framework, to_version)
);

CREATE TABLE mapping (
    set_id            text NOT NULL REFERENCES mapping_set (id),
    position          int  NOT NULL,
    from_requirement  text REFERENCES requirement (id),
    to_requirement    text REFERENCES requirement (id),
    relation          text NOT NULL CHECK (relation IN ('equivalent', 'changed', 'added', 'merged', 'split', 'removed', 'cites')),
    note              text,
    PRIMARY KEY (set_id, position),
    CHECK (from_requirement IS NOT NULL OR to_requirement IS NOT NULL)
);
CREATE INDEX mapping_from ON mapping (from_requirement);
CREATE INDEX mapping_to ON mapping (to_requirement);

-- A provider's declaration of how its service covers one framework version.
CREATE TABLE service_profile (
    id                 text NOT NULL,
    version            text NOT NULL,
    status             text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    provider           text NOT NULL,
    service_name       text NOT NULL,
    example            boolean NOT NULL,
    framework_id       text NOT NULL,
    framework_version  text NOT NULL,
    notes              text,
    source_urls        jsonb NOT NULL DEFAULT '[]',
    imported_at        timestamptz NOT NULL DEFAULT now(),
    published_at       timestamptz,
    PRIMARY KEY (id, version),
    FOREIGN KEY (framework_id, framework_version) REFERENCES framework_version (framework_id, version)
);

CREATE TABLE service_profile_entry (
    profile_id      text NOT NULL,
    profile_version text NOT NULL,
    requirement_id  text NOT NULL REFERENCES requirement (id),
    responsibility  text NOT NULL CHECK (responsibility IN ('provider', 'shared', 'facility')),
    note            text,
    PRIMARY KEY (profile_id, profile_version, requirement_id),
    FOREIGN KEY (profile_id, profile_version) REFERENCES service_profile (id, version)
);
