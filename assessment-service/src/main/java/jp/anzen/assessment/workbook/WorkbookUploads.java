package jp.anzen.assessment.workbook;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import jp.anzen.assessment.answers.AnswerBatch;
import jp.anzen.assessment.answers.Assessment;
import jp.anzen.assessment.answers.Assessments;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.Actor;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.validation.FieldError;
import jp.anzen.assessment.validation.InvalidRequestException;

/**
 * Records a filled workbook as one answer batch, once per file: the file's SHA-256 is kept with the stream version
 * it produced, in the same transaction as the answers, so that the same file uploaded again records nothing.
 */
@ApplicationScoped
public class WorkbookUploads {

    /** What an upload did: how many answers it recorded, and whether the file had been uploaded before. */
    public record Uploaded(String sha256, int answersRecorded, boolean uploadedBefore, Assessment assessment) {
    }

    private final Assessments assessments;
    private final CatalogueReplica catalogue;
    private final WorkbookLayouts layouts;
    private final AgroalDataSource dataSource;

    public WorkbookUploads(Assessments assessments, CatalogueReplica catalogue, WorkbookLayouts layouts,
            AgroalDataSource dataSource) {
        this.assessments = assessments;
        this.catalogue = catalogue;
        this.layouts = layouts;
        this.dataSource = dataSource;
    }

    @Transactional
    public Uploaded upload(Facility facility, Assessment assessment, byte[] content, Actor actor) {
        String sha256 = sha256(content);
        // the first of two identical uploads holds the key; the second waits here, then finds it recorded
        if (!reserve(assessment.id(), sha256)) {
            int answers = recordedAnswers(assessment.id(), sha256);
            return new Uploaded(sha256, answers, true, assessments.find(facility.code(), assessment.id()).orElseThrow());
        }
        var form = catalogue.version(assessment.frameworkId(), assessment.version()).orElseThrow();
        FilledWorkbook.Read read = FilledWorkbook.read(content, layouts.all(), assessment, form, facility);
        Assessment after = assessment;
        if (!read.answers().isEmpty()) {
            try {
                after = assessments.record(facility, assessment, new AnswerBatch(read.answers()), null, actor);
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(e.getMessage(), cells(e.errors(), read));
            }
        }
        finish(assessment.id(), sha256, after.streamVersion(), read.answers().size());
        return new Uploaded(sha256, read.answers().size(), false, after);
    }

    /** The batch's errors ({@code /answers/3/confirmedOn}) at the cells they came from ({@code 回答 answers!E9}). */
    private static List<FieldError> cells(List<FieldError> errors, FilledWorkbook.Read read) {
        return errors.stream().map(e -> {
            String[] parts = e.pointer().split("/");
            if (parts.length >= 3 && "answers".equals(parts[1]) && parts[2].matches("[0-9]+")) {
                Map<String, String> at = read.cells().get(Integer.parseInt(parts[2]));
                String field = parts.length > 3 ? parts[3] : "value";
                String cell = at.getOrDefault(field, at.get("value"));
                return new FieldError(cell, "cell " + cell + " (" + field + "): " + e.detail());
            }
            return new FieldError(read.layout().sheet(), e.detail());
        }).toList();
    }

    private boolean reserve(String assessmentId, String sha256) {
        return update("INSERT INTO workbook_upload (assessment_id, sha256, stream_version, answers) VALUES (?::uuid, ?, 0, 0)"
                + " ON CONFLICT DO NOTHING", assessmentId, sha256) == 1;
    }

    private void finish(String assessmentId, String sha256, int streamVersion, int answers) {
        update("UPDATE workbook_upload SET stream_version = ?, answers = ? WHERE assessment_id = ?::uuid AND sha256 = ?",
                streamVersion, answers, assessmentId, sha256);
    }

    private int recordedAnswers(String assessmentId, String sha256) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT answers FROM workbook_upload WHERE assessment_id = ?::uuid"
                        + " AND sha256 = ?")) {
            s.setString(1, assessmentId);
            s.setString(2, sha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
