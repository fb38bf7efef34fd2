package jp.anzen.assessment.answers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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

/** Opening assessments and recording answers, each as one transaction on the assessment's stream. */
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

    /** @throws AssessmentExistsException when this facility already has this form for this fiscal year */
    @Transactional
    public Assessment open(Facility facility, OpenAssessment request, Actor actor) {
        var version = catalogue.version(request.frameworkId(), request.version());
        Errors errors = new Errors();
        if (version.isEmpty()) {
            errors.add("/version", "version " + request.version() + " of " + request.frameworkId() + " is not published");
        } else if (version.get().fiscalYear() != null && !version.get().fiscalYear().equals(request.fiscalYear())) {
            errors.add("/fiscalYear", "the " + request.version() + " edition is for fiscal year " + version.get().fiscalYear());
        }
        errors.throwIfAny("The assessment");
        String id = UUID.randomUUID().toString();
        reserve(id, facility.code(), request);
        var opened = new AssessmentOpened(id, facility.code(), request.frameworkId(), request.version(),
                request.fiscalYear(), null);
        events.append(Assessment.streamId(id), facility.code(), 0, List.of(new NewEvent(AssessmentOpened.TYPE, opened)), actor);
        return Assessment.fold(events.read(Assessment.streamId(id)));
    }

    /**
     * Validates the whole batch, then appends it after {@code expectedVersion} (the caller's If-Match), or
     * after the current version when the caller sent none.
     */
    @Transactional
    public Assessment record(Facility facility, Assessment assessment, AnswerBatch batch, Integer expectedVersion,
            Actor actor) {
        var version = catalogue.version(assessment.frameworkId(), assessment.version()).orElseThrow();
        List<AnswerRecorded> answers = batch.validate(assessment, version, facility.kind(), FiscalYear.todayInJapan(), maxBatch);
        int after = expectedVersion == null ? assessment.streamVersion() : expectedVersion;
        events.append(Assessment.streamId(assessment.id()), facility.code(), after,
                answers.stream().map(a -> new NewEvent(AnswerRecorded.TYPE, a)).toList(), actor);
        return Assessment.fold(events.read(Assessment.streamId(assessment.id())));
    }

    private void reserve(String id, String facilityCode, OpenAssessment request) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO assessment_key (assessment_id, facility_code,"
                        + " framework_id, version, fiscal_year) VALUES (?::uuid, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, facilityCode);
            s.setString(3, request.frameworkId());
            s.setString(4, request.version());
            s.setInt(5, request.fiscalYear());
            if (s.executeUpdate() == 0) {
                throw new AssessmentExistsException(existing(c, facilityCode, request));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String existing(Connection c, String facilityCode, OpenAssessment request) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT assessment_id FROM assessment_key WHERE facility_code = ?"
                + " AND framework_id = ? AND version = ? AND vendor_id = '' AND fiscal_year = ?")) {
            s.setString(1, facilityCode);
            s.setString(2, request.frameworkId());
            s.setString(3, request.version());
            s.setInt(4, request.fiscalYear());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
