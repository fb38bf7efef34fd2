-- A provisional edition (its official wording or numbering not seen) is shown as such in every report that uses it;
-- a revision names the version of the same framework it corrects. Versions published before carry neither.
ALTER TABLE catalogue_version
    ADD COLUMN provisional_reason text,
    ADD COLUMN revision_of        text;
