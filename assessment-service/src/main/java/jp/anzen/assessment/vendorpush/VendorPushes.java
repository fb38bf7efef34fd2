package jp.anzen.assessment.vendorpush;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.anzen.assessment.answers.AnswerBatch;
import jp.anzen.assessment.answers.AnswerRecorded;
import jp.anzen.assessment.answers.Assessment;
import jp.anzen.assessment.answers.Assessments;
import jp.anzen.assessment.answers.OpenAssessment;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.Actor;
import jp.anzen.assessment.eventstore.EventStore;
import jp.anzen.assessment.eventstore.NewEvent;
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
    private final ObjectMapper json;
    private final int maxFacilities;
    private final int maxAnswers;

    public VendorPushes(Facilities facilities, Assessments assessments, CatalogueReplica catalogue, EventStore events,
            IdempotencyKeys keys, ObjectMapper json,
            @ConfigProperty(name = "anzen.vendor-push.max-facilities", defaultValue = "500") int maxFacilities,
            @ConfigProperty(name = "anzen.vendor-push.max-answers", defaultValue = "10000") int maxAnswers) {
        this.facilities = facilities;
        this.assessments = assessments;
        this.catalogue = catalogue;
        this.events = events;
        this.keys = keys;
        this.json = json;
        this.maxFacilities = maxFacilities;
        this.maxAnswers = maxAnswers;
    }

    @Transactional
    public Outcome push(String vendorId, String key, byte[] body, VendorPush push, Actor actor) {
        String requestHash = sha256(body);
        var earlier = keys.claim(vendorId, key, requestHash);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return new Outcome(earlier.get().status(), earlier.get().response());
        }
        checkSize(push);
        List<VendorPushResult.FacilityResult> results = new ArrayList<>();
        // a push names one or two form versions for hundreds of facilities: read each once
        Map<String, Optional<CatalogueReplica.PublishedVersion>> versions = new HashMap<>();
        for (int i = 0; i < push.facilities().size(); i++) {
            results.add(store(vendorId, "/facilities/" + i, push.facilities().get(i), versions, actor));
        }
        int stored = (int) results.stream().filter(r -> r.status().equals("stored")).count();
        int answers = results.stream().mapToInt(VendorPushResult.FacilityResult::answersStored).sum();
        var result = new VendorPushResult(key, stored, results.size() - stored, answers, results);
        Outcome outcome = new Outcome(stored > 0 ? 201 : 200, write(result));
        keys.complete(vendorId, key, outcome.status(), outcome.body());
        return outcome;
    }

    /** Checks everything first and only then appends, so a refusal never leaves half a facility stored. */
    private VendorPushResult.FacilityResult store(String vendorId, String at, VendorPush.FacilityAnswers entry,
            Map<String, Optional<CatalogueReplica.PublishedVersion>> versions, Actor actor) {
        String code = entry == null ? null : entry.facilityCode();
        if (entry == null) {
            return VendorPushResult.FacilityResult.refused(null, List.of(new FieldError(at, "is empty")));
        }
        // the same answer whether the facility is unknown or not contracted: existence is not the vendor's to learn
        Facility facility = code == null ? null : facilities.find(code).orElse(null);
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
        if (!errors.isEmpty()) {
            return VendorPushResult.FacilityResult.refused(code, errors.list());
        }
        Assessment assessment = assessments.findOrOpenForAnswers(facility, form, vendorId, actor);
        List<AnswerRecorded> answers;
        try {
            answers = assessments.validate(facility, assessment, new AnswerBatch(entry.answers()), version.get());
        } catch (InvalidRequestException e) {
            return VendorPushResult.FacilityResult.refused(code,
                    e.errors().stream().map(err -> new FieldError(at + err.pointer(), err.detail())).toList());
        }
        int version2 = events.append(Assessment.streamId(assessment.id()), code, assessment.streamVersion(),
                answers.stream().map(a -> new NewEvent(AnswerRecorded.TYPE, a)).toList(), actor);
        return VendorPushResult.FacilityResult.stored(code, assessment.id(), version2, answers.size());
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
