-- A vendor push reads, of each form it writes to, only the events that open it and sign rounds off or reopen them
-- (Assessments.findOrOpenForAnswers), never its answers: a vendor form grows by hundreds of answers a year, and
-- reading past them cost 9.5 ms per ten forms. This index holds only those few events. EventStore.readStreams
-- names the types as literals, so that PostgreSQL can tell that a query falls within the index.
CREATE INDEX event_assessment_control ON event (stream_id, stream_version)
    WHERE type IN ('assessment-opened', 'round-signed-off', 'round-reopened');
