package jp.anzen.assessment.answers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.Actor;
import jp.anzen.assessment.eventstore.EventStore;
import jp.anzen.assessment.eventstore.NewEvent;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.validation.Errors;

/** Opening assessments, recording answers and signing rounds off, each as one transaction on the assessment's stream. */
@ApplicationScoped
public class Assessments {

    private final EventStore events;
    private final CatalogueReplica catalogue;
    private final AgroalDataSource dataSource;
    private final int maxBatch;

    public Assessments(EventStore events, CatalogueReplica catalogue, AgroalDataSource dataSource,
            @ConfigProperty(name = "anzen.answers.max-batch") int maxBatch) {
        this.events = events;
        this.catalogue = catalogue;
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
    }

    public Optional<Assessment> find(String facilityCode, String assessmentId) {
        try {
            UUID.fromString(assessmentId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(Assessment.fold(events.read(Assessment.streamId(assessmentId))))
                .filter(a -> a.facilityCode().equals(facilityCode));
    }

    /**
     * Opens the facility's assessment of a published form for a fiscal year ({@code vendorId} for a vendor
     * form), offering last year's answers to equivalent items as carried forward.
     *
     * @throws AssessmentExistsException when it is open already
     */
    @Transactional
    public Assessment open(Facility facility, OpenAssessment request, String vendorId, Actor actor) {
        var version = catalogue.version(request.frameworkId(), request.version());
        Errors errors = new Errors();
        checkEdition(errors, "", request, version);
        errors.throwIfAny("The assessment");
        String id = UUID.randomUUID().toString();
        Optional<Assessment> previous = previous(facility.code(), request, vendorId);
        reserve(id, facility.code(), request, vendorId);
        List<NewEvent> opening = new ArrayList<>();
        opening.add(new NewEvent(AssessmentOpened.TYPE, new AssessmentOpened(id, facility.code(), request.frameworkId(),
                request.version(), request.fiscalYear(), vendorId)));
        previous.ifPresent(last -> carryForward(last, id, request, version.get()).forEach(opening::add));
        events.append(Assessment.streamId(id), facility.code(), 0, opening, actor);
        return Assessment.fold(events.read(Assessment.streamId(id)));
    }

    /** A form is opened on a published edition, for the fiscal year that edition is for; errors go under {@code at}. */
    public static void checkEdition(Errors errors, String at, OpenAssessment request,
            Optional<CatalogueReplica.PublishedVersion> version) {
        if (version.isEmpty()) {
            errors.add(at + "/version", "version " + request.version() + " of " + request.frameworkId() + " is not published");
        } else if (request.fiscalYear() == null
                || version.get().fiscalYear() != null && !version.get().fiscalYear().equals(request.fiscalYear())) {
            errors.add(at + "/fiscalYear", "the " + request.version() + " edition is for fiscal year " + version.get().fiscalYear());
        }
    }

    /**
     * The assessments of one form for appending answers, for many facilities (a vendor push), opening those the
     * facility has none of for the year (the first push of a year). Their answers are not read (a vendor's form
     * grows with every push): only what validation needs, in three queries whatever the number of facilities.
     */
    @Transactional
    public Map<String, Assessment> findOrOpenForAnswers(List<Facility> facilities, OpenAssessment request, String vendorId,
            Actor actor) {
        Map<String, String> existing = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT facility_code, assessment_id::text FROM assessment_key"
                        + " WHERE facility_code = ANY (?) AND framework_id = ? AND vendor_id = ? AND fiscal_year = ? AND version = ?")) {
            s.setArray(1, c.createArrayOf("text", facilities.stream().map(Facility::code).toArray()));
            s.setString(2, request.frameworkId());
            s.setString(3, vendorId == null ? "" : vendorId);
            s.setInt(4, request.fiscalYear());
            s.setString(5, request.version());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    existing.put(r.getString(1), r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> streams = existing.values().stream().map(Assessment::streamId).toList();
        Map<String, List<jp.anzen.assessment.eventstore.StoredEvent>> control = streams.isEmpty() ? Map.of()
                : events.readStreams(streams, CONTROL_EVENTS);
        Map<String, Integer> versions = streams.isEmpty() ? Map.of() : events.currentVersions(streams);
        Map<String, Assessment> found = new HashMap<>();
        for (Facility facility : facilities) {
            String id = existing.get(facility.code());
            if (id == null) {
                found.put(facility.code(), open(facility, request, vendorId, actor));
            } else {
                String stream = Assessment.streamId(id);
                found.put(facility.code(), Assessment.fold(control.get(stream)).atVersion(versions.get(stream)));
            }
        }
        return found;
    }

    private static final List<String> CONTROL_EVENTS = List.of(AssessmentOpened.TYPE, RoundSignedOff.TYPE, RoundReopened.TYPE);

    /**
     * Validates the whole batch, then appends it after {@code expectedVersion} (the caller's If-Match), or
     * after the current version when the caller sent none.
     */
    @Transactional
    public Assessment record(Facility facility, Assessment assessment, AnswerBatch batch, Integer expectedVersion, Actor actor) {
        AnswersRecorded answers = validate(facility, assessment, batch);
        int after = expectedVersion == null ? assessment.streamVersion() : expectedVersion;
        events.append(Assessment.streamId(assessment.id()), facility.code(), after, List.of(answers.event()), actor);
        return Assessment.fold(events.read(Assessment.streamId(assessment.id())));
    }

    public AnswersRecorded validate(Facility facility, Assessment assessment, AnswerBatch batch) {
        return validate(facility, assessment, batch, catalogue.version(assessment.frameworkId(), assessment.version()).orElseThrow());
    }

    public AnswersRecorded validate(Facility facility, Assessment assessment, AnswerBatch batch,
            CatalogueReplica.PublishedVersion version) {
        return batch.validate(assessment, version, facility.kind(), FiscalYear.todayInJapan(), maxBatch);
    }

    /** Signs a round off (freezing it) or reopens it; both need the assessment's current ETag when given. */
    @Transactional
    public Assessment changeRound(Assessment assessment, int round, boolean signOff, String reason, Integer expectedVersion,
            Actor actor) {
        Errors errors = new Errors();
        if (round != 1 && round != 2) {
            errors.add("/round", "1 (first confirmation) or 2 (second confirmation)");
        } else if (signOff && assessment.signedOffRounds().contains(round)) {
            errors.add("/round", "round " + round + " is already signed off");
        } else if (!signOff && !assessment.signedOffRounds().contains(round)) {
            errors.add("/round", "round " + round + " is not signed off, so there is nothing to reopen");
        } else if (signOff && assessment.answers().stream().noneMatch(a -> a.round() == round)) {
            errors.add("/round", "round " + round + " has no answers to sign off");
        }
        if (!signOff && (reason == null || reason.isBlank() || reason.length() > 1000)) {
            errors.add("/reason", "say why the round is reopened (1 to 1000 characters)");
        }
        errors.throwIfAny("The round");
        NewEvent event = signOff ? new NewEvent(RoundSignedOff.TYPE, new RoundSignedOff(assessment.id(), round))
                : new NewEvent(RoundReopened.TYPE, new RoundReopened(assessment.id(), round, reason.strip()));
        events.append(Assessment.streamId(assessment.id()), assessment.facilityCode(),
                expectedVersion == null ? assessment.streamVersion() : expectedVersion, List.of(event), actor);
        return Assessment.fold(events.read(Assessment.streamId(assessment.id())));
    }

    private List<NewEvent> carryForward(Assessment last, String id, OpenAssessment request,
            CatalogueReplica.PublishedVersion version) {
        String toPrefix = request.frameworkId() + ":" + request.version() + ":";
        boolean sameEdition = last.frameworkId().equals(request.frameworkId()) && last.version().equals(request.version());
        Map<String, String> sources = sameEdition ? null
                : catalogue.equivalentsFrom(last.frameworkId() + ":" + last.version() + ":", toPrefix);
        Map<String, Assessment.Answer> answered = last.latestPerItem();
        List<NewEvent> carried = new ArrayList<>();
        for (String item : version.items().keySet()) {
            String source = sources == null ? item : sources.get(item);
            Assessment.Answer answer = source == null ? null : answered.get(source);
            if (answer != null) {
                carried.add(new NewEvent(AnswerCarriedForward.TYPE, new AnswerCarriedForward(id, item, last.id(), source,
                        last.fiscalYear(), answer.value(), answer.confirmedOn())));
            }
        }
        return carried;
    }

    /**
     * The facility's latest assessment of an earlier year whose answers can carry forward: of the same form, or of a
     * form an edition mapping leads into this version from (FY2026's combined form from the FY2025 institution or
     * pharmacy form).
     */
    private Optional<Assessment> previous(String facilityCode, OpenAssessment request, String vendorId) {
        String previousId = single("SELECT k.assessment_id::text FROM assessment_key k WHERE k.facility_code = ?"
                + " AND k.vendor_id = ? AND k.fiscal_year < ? AND (k.framework_id = ? OR EXISTS (SELECT 1 FROM"
                + " published_equivalence e WHERE e.to_requirement LIKE ? AND e.from_requirement LIKE"
                + " k.framework_id || ':' || k.version || ':%')) ORDER BY k.fiscal_year DESC LIMIT 1", facilityCode,
                vendorId == null ? "" : vendorId, request.fiscalYear(), request.frameworkId(),
                request.frameworkId() + ":" + request.version() + ":%");
        return previousId == null ? Optional.empty() : find(facilityCode, previousId);
    }

    private Optional<String> existing(String facilityCode, OpenAssessment request, String vendorId) {
        return Optional.ofNullable(single("SELECT assessment_id::text FROM assessment_key WHERE facility_code = ?"
                + " AND framework_id = ? AND vendor_id = ? AND fiscal_year = ? AND version = ?", facilityCode,
                request.frameworkId(), vendorId == null ? "" : vendorId, request.fiscalYear(), request.version()));
    }

    private void reserve(String id, String facilityCode, OpenAssessment request, String vendorId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO assessment_key (assessment_id, facility_code,"
                        + " framework_id, version, vendor_id, fiscal_year) VALUES (?::uuid, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, facilityCode);
            s.setString(3, request.frameworkId());
            s.setString(4, request.version());
            s.setString(5, vendorId == null ? "" : vendorId);
            s.setInt(6, request.fiscalYear());
            if (s.executeUpdate() == 0) {
                throw new AssessmentExistsException(existing(facilityCode, request, vendorId).orElse(null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String single(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
