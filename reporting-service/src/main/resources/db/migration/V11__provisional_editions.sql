-- A provisional edition (its official wording or numbering not seen) is shown as such in every report that uses it;
-- a revision names the version of the same framework it corrects. Versions published before carry neither.
ALTER TABLE catalogue_version
    ADD COLUMN provisional_reason text,
    ADD COLUMN revision_of        text;

-- An item's mandatory deadline and its goal (a date aimed for, and the condition it applies under) are shown apart:
-- a missed deadline is late, a goal never makes anything overdue.
ALTER TABLE catalogue_item
    ADD COLUMN deadline          date,
    ADD COLUMN goal_by           date,
    ADD COLUMN goal_condition_ja text,
    ADD COLUMN goal_condition_en text;

-- What a later revision of a version changed, item by item (from the edition mappings the catalogue derives): an
-- answer given against the earlier revision stays attached to it and shows that its item changed since.
CREATE TABLE catalogue_change (
    set_id           text NOT NULL,
    position         int  NOT NULL,
    from_requirement text NOT NULL,
    to_framework     text NOT NULL,
    to_version       text NOT NULL,
    to_requirement   text,
    relation         text NOT NULL,
    note             text,
    PRIMARY KEY (set_id, position)
);
CREATE INDEX catalogue_change_from ON catalogue_change (from_requirement);
