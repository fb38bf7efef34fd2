-- Editions authored from a published one. An editor creates a draft as a copy of a published version, then
-- applies edits (amend, add, remove, merge, split, include another form); each edit is kept in edition_edit, in
-- order, and the draft's requirements and lineage are what those edits make of the base. At publication the
-- lineage becomes the edition mapping sets (one per source version): derived from the edits, never written by hand.
ALTER TABLE framework_version
    ADD COLUMN based_on_framework text,
    ADD COLUMN based_on_version   text,
    -- why the edition is provisional (its official wording or numbering not seen); null for a final edition
    ADD COLUMN provisional_reason text,
    -- a revision corrects a published version of the same framework and fiscal year, and says why
    ADD COLUMN revision_of        text,
    ADD COLUMN revision_reason    text,
    -- the edition succeeds the forms of other frameworks it is built from (FY2026's form replaces two FY2025 forms)
    ADD COLUMN replaces_sources   boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT framework_version_based_on FOREIGN KEY (based_on_framework, based_on_version)
        REFERENCES framework_version (framework_id, version);

CREATE TABLE edition_edit (
    framework_id text NOT NULL,
    version      text NOT NULL,
    seq          int  NOT NULL,
    edit         jsonb NOT NULL,
    actor        text NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (framework_id, version, seq),
    FOREIGN KEY (framework_id, version) REFERENCES framework_version (framework_id, version)
);

-- Where each item of a draft comes from: a source requirement (of the base or of an included form) and the
-- relation the edits gave it. to_requirement is null for a source item the draft removed, from_requirement null
-- for an item the draft added.
CREATE TABLE edition_lineage (
    framework_id     text NOT NULL,
    version          text NOT NULL,
    position         int  NOT NULL,
    from_requirement text REFERENCES requirement (id),
    to_requirement   text,
    relation         text NOT NULL CHECK (relation IN ('equivalent', 'changed', 'added', 'merged', 'split', 'removed')),
    note             text,
    PRIMARY KEY (framework_id, version, position),
    FOREIGN KEY (framework_id, version) REFERENCES framework_version (framework_id, version),
    CHECK (from_requirement IS NOT NULL OR to_requirement IS NOT NULL)
);

-- A goal apart from a deadline: a date the form aims for (two-factor authentication by FY2027) and the condition
-- under which the requirement applies (systems introduced or renewed), neither of which makes an answer overdue.
-- `deadline` stays the mandatory date.
ALTER TABLE requirement
    ADD COLUMN goal_by           date,
    ADD COLUMN goal_condition_ja text,
    ADD COLUMN goal_condition_en text;
