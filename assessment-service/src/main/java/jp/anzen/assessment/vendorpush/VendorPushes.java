package jp.anzen.assessment.vendorpush;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.anzen.assessment.answers.AnswerBatch;
import jp.anzen.assessment.answers.AnswersRecorded;
import jp.anzen.assessment.answers.Assessment;
import jp.anzen.assessment.answers.Assessments;
import jp.anzen.assessment.answers.OpenAssessment;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.Actor;
import jp.anzen.assessment.eventstore.EventStore;
import jp.anzen.assessment.facility.Facilities;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.validation.Errors;
import jp.anzen.assessment.validation.FieldError;
import jp.anzen.assessment.validation.InvalidRequestException;

/**
 * A vendor system's push: answers for many facilities in one transaction. Each facility is stored or
 * refused on its own (no contract, wrong form, bad answers); the result says which and why, and is kept
 * with the Idempotency-Key so that a retry returns it without storing anything again.
 */
@ApplicationScoped
public class VendorPushes {

    /** The HTTP status and body to answer, first time or on a retry. */
    public record Outcome(int status, String body) {
    }

    private final Facilities facilities;
    private final Assessments assessments;
    private final CatalogueReplica catalogue;
    private final EventStore events;
    private final IdempotencyKeys keys;
    private final PushLocks locks;
    private final ObjectMapper json;
    private final int maxFacilities;
    private final int maxAnswers;

    public VendorPushes(Facilities facilities, Assessments assessments, CatalogueReplica catalogue, EventStore events,
            IdempotencyKeys keys, PushLocks locks, ObjectMapper json,
            @ConfigProperty(name = "anzen.vendor-push.max-facilities", defaultValue = "500") int maxFacilities,
            @ConfigProperty(name = "anzen.vendor-push.max-answers", defaultValue = "10000") int maxAnswers) {
        this.facilities = facilities;
        this.assessments = assessments;
        this.catalogue = catalogue;
        this.events = events;
        this.keys = keys;
        this.locks = locks;
        this.json = json;
        this.maxFacilities = maxFacilities;
        this.maxAnswers = maxAnswers;
    }

    @Transactional
    public Outcome push(String vendorId, String key, byte[] body, VendorPush push, Actor actor) {
        String requestHash = sha256(body);
        checkSize(push); // before any lock: the number of facilities bounds the number of locks
        // Turns first: claiming the key is this transaction's first write, which fixes its place in the relay's order.
        // Claimed before waiting for a turn, a push could take an older place than the push it waited for, and its
        // events would reach Kafka before that push's (EventStore.checkCommitOrder now refuses such an append).
        List<String> codes = push.facilities().stream().map(e -> e == null ? null : e.facilityCode())
                .filter(java.util.Objects::nonNull).toList();
        locks.takeTurns(vendorId, codes);
        var earlier = keys.claim(vendorId, key, requestHash);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return new Outcome(earlier.get().status(), earlier.get().response());
        }
        List<VendorPush.FacilityAnswers> entries = push.facilities();
        // every facility of the push in one read, every assessment of a form in three, every append in one batch
        Map<String, Facility> facilityByCode = facilities.findAll(codes);
        Map<String, Optional<CatalogueReplica.PublishedVersion>> versions = new HashMap<>();
        VendorPushResult.FacilityResult[] results = new VendorPushResult.FacilityResult[entries.size()];
        Map<OpenAssessment, List<Integer>> byForm = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            results[i] = check(vendorId, "/facilities/" + i, entries.get(i), facilityByCode, versions);
            if (results[i] == null) {
                byForm.computeIfAbsent(form(vendorId, entries.get(i), facilityByCode), k -> new ArrayList<>()).add(i);
            }
        }
        List<EventStore.Append> appends = new ArrayList<>();
        // a facility named twice in one push: its second batch goes after its first
        Map<String, Integer> nextVersion = new HashMap<>();
        for (var group : byForm.entrySet()) {
            OpenAssessment form = group.getKey();
            List<Facility> members = group.getValue().stream().map(i -> entries.get(i).facilityCode()).distinct()
                    .map(facilityByCode::get).toList();
            Map<String, Assessment> assessmentByCode = assessments.findOrOpenForAnswers(members, form, vendorId, actor);
            var version = versions.get(form.frameworkId() + ":" + form.version()).orElseThrow();
            for (int i : group.getValue()) {
                VendorPush.FacilityAnswers entry = entries.get(i);
                Facility facility = facilityByCode.get(entry.facilityCode());
                Assessment assessment = assessmentByCode.get(facility.code());
                try {
                    AnswersRecorded answers = assessments.validate(facility, assessment, new AnswerBatch(entry.answers()),
                            version);
                    String stream = Assessment.streamId(assessment.id());
                    int after = nextVersion.getOrDefault(stream, assessment.streamVersion());
                    // one event per facility's form and push: all its answers, one decision of one actor
                    appends.add(new EventStore.Append(stream, facility.code(), after, List.of(answers.event())));
                    nextVersion.put(stream, after + 1);
                    results[i] = VendorPushResult.FacilityResult.stored(facility.code(), assessment.id(), after + 1,
                            answers.answers().size());
                } catch (InvalidRequestException e) {
                    String at = "/facilities/" + i;
                    results[i] = VendorPushResult.FacilityResult.refused(facility.code(),
                            e.errors().stream().map(err -> new FieldError(at + err.pointer(), err.detail())).toList());
                }
            }
        }
        events.appendAll(appends, actor);
        List<VendorPushResult.FacilityResult> all = List.of(results);
        int stored = (int) all.stream().filter(r -> r.status().equals("stored")).count();
        int answers = all.stream().mapToInt(VendorPushResult.FacilityResult::answersStored).sum();
        var result = new VendorPushResult(key, stored, all.size() - stored, answers, all);
        Outcome outcome = new Outcome(stored > 0 ? 201 : 200, write(result));
        keys.complete(vendorId, key, outcome.status(), outcome.body());
        return outcome;
    }

    /**
     * Everything that can refuse a facility before its assessment is read: the contract (the same answer whether
     * the facility is unknown or not contracted, because existence is not the vendor's to learn) and the edition.
     * Returns the refusal, or null when the facility's answers go on to validation.
     */
    private VendorPushResult.FacilityResult check(String vendorId, String at, VendorPush.FacilityAnswers entry,
            Map<String, Facility> facilityByCode, Map<String, Optional<CatalogueReplica.PublishedVersion>> versions) {
        if (entry == null) {
            return VendorPushResult.FacilityResult.refused(null, List.of(new FieldError(at, "is empty")));
        }
        String code = entry.facilityCode();
        Facility facility = code == null ? null : facilityByCode.get(code);
        var contract = facility == null ? null : facility.contractWith(vendorId).orElse(null);
        if (contract == null) {
            return VendorPushResult.FacilityResult.refused(code, List.of(new FieldError(at + "/facilityCode",
                    "no active contract of vendor " + vendorId + " with facility " + code)));
        }
        Errors errors = new Errors();
        if (!contract.frameworkId().equals(entry.frameworkId())) {
            errors.add(at + "/frameworkId", "this vendor answers " + contract.frameworkId() + " for facility " + code);
        }
        OpenAssessment form = new OpenAssessment(contract.frameworkId(), entry.version(), entry.fiscalYear());
        var version = entry.version() == null ? Optional.<CatalogueReplica.PublishedVersion>empty()
                : versions.computeIfAbsent(contract.frameworkId() + ":" + entry.version(),
                        k -> catalogue.version(contract.frameworkId(), entry.version()));
        Assessments.checkEdition(errors, at, form, version);
        return errors.isEmpty() ? null : VendorPushResult.FacilityResult.refused(code, errors.list());
    }

    private static OpenAssessment form(String vendorId, VendorPush.FacilityAnswers entry, Map<String, Facility> facilityByCode) {
        var contract = facilityByCode.get(entry.facilityCode()).contractWith(vendorId).orElseThrow();
        return new OpenAssessment(contract.frameworkId(), entry.version(), entry.fiscalYear());
    }

    private void checkSize(VendorPush push) {
        Errors errors = new Errors();
        if (push.facilities() == null || push.facilities().isEmpty()) {
            errors.add("/facilities", "at least one facility is required");
        } else if (push.facilities().size() > maxFacilities) {
            errors.add("/facilities", "at most " + maxFacilities + " facilities per push; this one has " + push.facilities().size());
        } else {
            int answers = push.facilities().stream().mapToInt(f -> f == null || f.answers() == null ? 0 : f.answers().size()).sum();
            if (answers > maxAnswers) {
                errors.add("/facilities", "at most " + maxAnswers + " answers per push; this one has " + answers);
            }
        }
        errors.throwIfAny("The push");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
