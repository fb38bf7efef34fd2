package jp.anzen.assessment.answers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.anzen.assessment.eventstore.StoredEvent;

/** An assessment's current state, folded from its stream; {@code version} is the stream version (ETag). */
public record Assessment(String id, String facilityCode, String frameworkId, String version, int fiscalYear,
        String vendorId, List<Answer> answers, int streamVersion) {

    /** The current answer to one item in one round, and who gave it when. */
    public record Answer(String requirementId, int round, String value, LocalDate confirmedOn, LocalDate targetDate,
            String note, String recordedBy, Instant recordedAt) {
    }

    public static String streamId(String assessmentId) {
        return "assessment-" + assessmentId;
    }

    public static Assessment fold(List<StoredEvent> stream) {
        Assessment assessment = null;
        Map<String, Answer> answers = new LinkedHashMap<>();
        int version = 0;
        for (StoredEvent event : stream) {
            var p = event.payload();
            version = event.streamVersion();
            switch (event.type()) {
                case AssessmentOpened.TYPE -> assessment = new Assessment(p.get("assessmentId").asText(),
                        p.get("facilityCode").asText(), p.get("frameworkId").asText(), p.get("version").asText(),
                        p.get("fiscalYear").asInt(), p.hasNonNull("vendorId") ? p.get("vendorId").asText() : null,
                        List.of(), 0);
                case AnswerRecorded.TYPE -> {
                    String requirementId = p.get("requirementId").asText();
                    int round = p.get("round").asInt();
                    answers.remove(requirementId + "#" + round); // keep the latest last
                    answers.put(requirementId + "#" + round, new Answer(requirementId, round, p.get("value").asText(),
                            date(p.get("confirmedOn")), date(p.get("targetDate")),
                            p.hasNonNull("note") ? p.get("note").asText() : null,
                            event.metadata().path("username").asText(null), event.recordedAt()));
                }
                default -> {
                    // tolerant: event types added later do not change these fields
                }
            }
        }
        if (assessment == null) {
            return null;
        }
        return new Assessment(assessment.id, assessment.facilityCode, assessment.frameworkId, assessment.version,
                assessment.fiscalYear, assessment.vendorId, List.copyOf(answers.values()), version);
    }

    private static LocalDate date(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }
}
