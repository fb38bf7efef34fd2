-- Published service profiles (a provider's coverage of one framework version) and the services each facility
-- declared, with the interval in which the declaration held: readiness shows what is inherited, apart from answers.
CREATE TABLE service_profile (
    profile_id        text NOT NULL,
    version           text NOT NULL,
    framework_id      text NOT NULL,
    framework_version text NOT NULL,
    provider          text NOT NULL,
    service           text,
    example           boolean NOT NULL,
    PRIMARY KEY (profile_id, version)
);

CREATE TABLE service_profile_entry (
    profile_id     text NOT NULL,
    version        text NOT NULL,
    requirement_id text NOT NULL,
    responsibility text NOT NULL,
    note           text,
    PRIMARY KEY (profile_id, version, requirement_id),
    FOREIGN KEY (profile_id, version) REFERENCES service_profile (profile_id, version)
);

CREATE TABLE facility_service (
    facility_code  text NOT NULL REFERENCES facility (code),
    profile_id     text NOT NULL,
    version        text NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    PRIMARY KEY (facility_code, profile_id, version, valid_from)
);
