-- Evidence references of an answer (URI, SHA-256, expiry) as recorded, for the OSCAL assessment results.
ALTER TABLE answer ADD COLUMN evidence jsonb NOT NULL DEFAULT '[]';
