-- Each own form's (not a vendor's) current first-round answers, one character per item in catalogue order ('y' yes, 'n' no,
-- 'a' not applicable, '.' unanswered), and for each item the target date of a current "no" (comma-separated,
-- empty where there is none). A summary of 10,000 facilities then reads one short row per form instead of every
-- answer row. Kept by the projection with the answers (and when the form's catalogue version arrives after
-- them); NULL while that version is unknown. History (asOf) is still read from answer.
ALTER TABLE assessment ADD COLUMN current_answers text, ADD COLUMN current_no_targets text;

-- The existing forms, with the statement the projection runs (projection/CurrentAnswers): keep the two alike.
UPDATE assessment a SET current_answers = v.answers, current_no_targets = v.no_targets
FROM (SELECT a.id,
             string_agg(CASE an.value WHEN 'yes' THEN 'y' WHEN 'no' THEN 'n' WHEN 'not-applicable' THEN 'a' ELSE '.' END,
                        '' ORDER BY i.position, i.requirement_id) AS answers,
             string_agg(coalesce(CASE WHEN an.value = 'no' THEN an.target_date::text END, ''), ','
                        ORDER BY i.position, i.requirement_id) AS no_targets
      FROM assessment a
      JOIN catalogue_item i ON i.framework_id = a.framework_id AND i.version = a.version AND i.kind = 'item'
      LEFT JOIN answer an ON an.assessment_id = a.id AND an.requirement_id = i.requirement_id AND an.round = 1
                         AND an.valid_to IS NULL
      WHERE a.vendor_id IS NULL
      GROUP BY a.id) v
WHERE a.id = v.id;
