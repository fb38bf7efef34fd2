-- The form as an Excel workbook needs what the printed form shows: each item's place, wording and target, and the
-- edition's titles and provisional mark. Versions replicated before this change have none of it (their workbooks
-- show the item numbers only) until the catalogue replays them.
ALTER TABLE published_version
    ADD COLUMN framework_title_ja text,
    ADD COLUMN title_ja           text,
    ADD COLUMN provisional_reason text;
ALTER TABLE published_requirement
    ADD COLUMN position int,
    ADD COLUMN text_ja  text,
    ADD COLUMN text_en  text,
    ADD COLUMN target   text;

-- A filled workbook is uploaded once: the same file (by SHA-256) again answers what the first upload did and
-- records nothing.
CREATE TABLE workbook_upload (
    assessment_id  uuid NOT NULL,
    sha256         text NOT NULL,
    stream_version int  NOT NULL,
    answers        int  NOT NULL,
    uploaded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, sha256)
);
