package jp.anzen.assessment.answers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import jp.anzen.assessment.eventstore.StoredEvent;

/**
 * An assessment's current state, folded from its stream: the current answer per item and round, the
 * rounds signed off, and carried-forward answers still awaiting confirmation (kept apart from answers).
 * {@code streamVersion} is the ETag.
 */
public record Assessment(String id, String facilityCode, String frameworkId, String version, int fiscalYear,
        String vendorId, List<Answer> answers, Set<Integer> signedOffRounds, List<CarriedForward> awaitingConfirmation,
        int streamVersion) {

    /** The current answer to one item in one round, and who gave it when. */
    public record Answer(String requirementId, int round, String value, LocalDate confirmedOn, LocalDate targetDate,
            String note, List<AnswersRecorded.Evidence> evidence, String recordedBy, Instant recordedAt) {
    }

    /** Last year's answer, offered for an equivalent item; confirmed by answering the item. */
    public record CarriedForward(String requirementId, String value, LocalDate confirmedOn, int fromFiscalYear,
            String fromRequirementId) {
    }

    public static String streamId(String assessmentId) {
        return "assessment-" + assessmentId;
    }

    public static Assessment fold(List<StoredEvent> stream) {
        JsonNode opened = null;
        Map<String, Answer> answers = new LinkedHashMap<>();
        Map<String, CarriedForward> carried = new LinkedHashMap<>();
        Set<Integer> signedOff = new TreeSet<>();
        int version = 0;
        for (StoredEvent event : stream) {
            JsonNode p = event.payload();
            version = event.streamVersion();
            switch (event.type()) {
                case AssessmentOpened.TYPE -> opened = p;
                case AnswersRecorded.TYPE, AnswerUpcaster.ANSWER_RECORDED -> {
                    for (JsonNode a : AnswerUpcaster.current(event.type(), p).get("answers")) {
                        Answer answer = answer(a, event);
                        answers.remove(answer.requirementId() + "#" + answer.round()); // the latest last
                        answers.put(answer.requirementId() + "#" + answer.round(), answer);
                        carried.remove(answer.requirementId());
                    }
                }
                case AnswerCarriedForward.TYPE -> carried.put(p.get("requirementId").asText(), new CarriedForward(
                        p.get("requirementId").asText(), p.get("value").asText(), date(p.get("confirmedOn")),
                        p.get("fromFiscalYear").asInt(), p.get("fromRequirementId").asText()));
                case RoundSignedOff.TYPE -> signedOff.add(p.get("round").asInt());
                case RoundReopened.TYPE -> signedOff.remove(p.get("round").asInt());
                default -> {
                    // tolerant: event types added later do not change these fields
                }
            }
        }
        if (opened == null) {
            return null;
        }
        return new Assessment(opened.get("assessmentId").asText(), opened.get("facilityCode").asText(),
                opened.get("frameworkId").asText(), opened.get("version").asText(), opened.get("fiscalYear").asInt(),
                opened.hasNonNull("vendorId") ? opened.get("vendorId").asText() : null, List.copyOf(answers.values()),
                Set.copyOf(signedOff), List.copyOf(carried.values()), version);
    }

    public Assessment atVersion(int currentVersion) {
        return new Assessment(id, facilityCode, frameworkId, version, fiscalYear, vendorId, answers, signedOffRounds,
                awaitingConfirmation, currentVersion);
    }

    /** The latest confirmation of each item (round 2 over round 1), as carried forward to the next year. */
    public Map<String, Answer> latestPerItem() {
        Map<String, Answer> latest = new LinkedHashMap<>();
        for (Answer a : answers) {
            latest.merge(a.requirementId(), a, (x, y) -> y.round() > x.round() ? y : x);
        }
        return latest;
    }

    private static Answer answer(JsonNode p, StoredEvent event) {
        List<AnswersRecorded.Evidence> evidence = new ArrayList<>();
        p.path("evidence").forEach(e -> evidence.add(new AnswersRecorded.Evidence(e.get("uri").asText(),
                e.get("sha256").asText(), date(e.get("expiresOn")))));
        return new Answer(p.get("requirementId").asText(), p.get("round").asInt(), p.get("value").asText(),
                date(p.get("confirmedOn")), date(p.get("targetDate")), p.hasNonNull("note") ? p.get("note").asText() : null,
                List.copyOf(evidence), event.metadata().path("username").asText(event.metadata().path("clientId").asText(null)),
                event.recordedAt());
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }
}
