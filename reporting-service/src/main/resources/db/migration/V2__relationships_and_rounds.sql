-- Vendor contracts, round sign-offs and carried-forward answers, each with the interval in which it held.
CREATE TABLE facility_vendor (
    facility_code  text NOT NULL REFERENCES facility (code),
    vendor_id      text NOT NULL,
    framework_id   text NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    PRIMARY KEY (facility_code, vendor_id, valid_from)
);

CREATE TABLE round_signoff (
    assessment_id  uuid NOT NULL REFERENCES assessment (id),
    round          int  NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    PRIMARY KEY (assessment_id, round, valid_from)
);

-- Last year's answers offered to a new assessment; confirmed when the item is answered (confirmed_at).
CREATE TABLE carried_answer (
    assessment_id   uuid NOT NULL REFERENCES assessment (id),
    requirement_id  text NOT NULL,
    value           text NOT NULL,
    from_fiscal_year int NOT NULL,
    carried_at      timestamptz NOT NULL,
    confirmed_at    timestamptz,
    PRIMARY KEY (assessment_id, requirement_id)
);
