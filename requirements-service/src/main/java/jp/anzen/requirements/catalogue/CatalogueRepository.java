package jp.anzen.requirements.catalogue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Frameworks, versions and requirements in PostgreSQL. Callers own the transaction. */
@ApplicationScoped
public class CatalogueRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CatalogueRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public List<Framework> frameworks() {
        Map<String, Framework> frameworks = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, kind, title_ja, title_en, publisher FROM framework ORDER BY id");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                frameworks.put(rows.getString(1), new Framework(rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), rows.getString(5), new ArrayList<>()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (FrameworkVersion version : versions(null)) {
            frameworks.get(version.frameworkId()).versions().add(version);
        }
        return List.copyOf(frameworks.values());
    }

    public Optional<FrameworkVersion> version(String frameworkId, String version) {
        return versions(frameworkId).stream().filter(v -> v.version().equals(version)).findFirst();
    }

    private List<FrameworkVersion> versions(String frameworkId) {
        String sql = "SELECT framework_id, version, status, title_ja, title_en, fiscal_year, released, source_urls::text,"
                + " notes, published_at, based_on_framework || ':' || based_on_version, provisional_reason, revision_of,"
                + " revision_reason, replaces_sources FROM framework_version"
                + (frameworkId == null ? "" : " WHERE framework_id = ?") + " ORDER BY framework_id, version";
        List<FrameworkVersion> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (frameworkId != null) {
                s.setString(1, frameworkId);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Timestamp published = rows.getTimestamp(10);
                    versions.add(new FrameworkVersion(rows.getString(1), rows.getString(2),
                            VersionStatus.of(rows.getString(3)), rows.getString(4), rows.getString(5),
                            (Integer) rows.getObject(6), rows.getString(7), strings(rows.getString(8)),
                            rows.getString(9), published == null ? null : published.toInstant(),
                            FrameworkVersion.Provenance.of(rows.getString(11), rows.getString(12), rows.getString(13),
                                    rows.getString(14), rows.getBoolean(15))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return versions;
    }

    public List<Requirement> requirements(String frameworkId, String version) {
        return requirementsWhere("framework_id = ? AND version = ?", frameworkId, version);
    }

    public Optional<Requirement> requirement(String requirementId) {
        return requirementsWhere("id = ?", requirementId).stream().findFirst();
    }

    /** One framework with its versions. */
    public Optional<Framework> framework(String frameworkId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT kind, title_ja, title_en, publisher FROM framework WHERE id = ?")) {
            s.setString(1, frameworkId);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Framework(frameworkId, rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), versions(frameworkId)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Requirement> requirementsWhere(String where, String... parameters) {
        List<Requirement> requirements = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, parent_id, position, kind, number, text_ja,"
                        + " text_en, target, obligation, required_from, deadline, facility_kinds, guideline_refs,"
                        + " confidence, wording, source_urls::text, notes, goal_by, goal_condition_ja, goal_condition_en"
                        + " FROM requirement"
                        + " WHERE " + where + " ORDER BY position")) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Date deadline = rows.getDate(11);
                    requirements.add(new Requirement(rows.getString(1), rows.getString(2), rows.getInt(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getString(8), rows.getString(9), (Integer) rows.getObject(10),
                            deadline == null ? null : deadline.toLocalDate(), array(rows.getArray(12)),
                            array(rows.getArray(13)), rows.getString(14), rows.getString(15),
                            strings(rows.getString(16)), rows.getString(17), Requirement.Goal.of(
                                    rows.getDate(18) == null ? null : rows.getDate(18).toLocalDate(), rows.getString(19),
                                    rows.getString(20))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return requirements;
    }

    /** Stores a new draft version; the framework row is created on its first version. */
    public void insertDraft(Framework framework, FrameworkVersion version, List<Requirement> requirements) {
        try (Connection c = dataSource.getConnection()) {
            insertVersion(c, framework, version);
            insertRequirements(c, framework.id(), version.version(), requirements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the requirements of a draft (an edit made them anew); the caller checked that it is a draft. */
    public void replaceDraftRequirements(String frameworkId, String version, List<Requirement> requirements) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM requirement WHERE framework_id = ? AND version = ?")) {
                s.setString(1, frameworkId);
                s.setString(2, version);
                s.executeUpdate();
            }
            insertRequirements(c, frameworkId, version, requirements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insertVersion(Connection c, Framework framework, FrameworkVersion version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO framework (id, kind, title_ja, title_en, publisher)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            s.setString(1, framework.id());
            s.setString(2, framework.kind());
            s.setString(3, framework.titleJa());
            s.setString(4, framework.titleEn());
            s.setString(5, framework.publisher());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO framework_version (framework_id, version, status,"
                + " title_ja, title_en, fiscal_year, released, source_urls, notes, based_on_framework, based_on_version,"
                + " provisional_reason, revision_of, revision_reason, replaces_sources)"
                + " VALUES (?, ?, 'draft', ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, framework.id());
            s.setString(2, version.version());
            s.setString(3, version.titleJa());
            s.setString(4, version.titleEn());
            s.setObject(5, version.fiscalYear(), Types.INTEGER);
            s.setString(6, version.released());
            s.setString(7, write(version.sourceUrls()));
            s.setString(8, version.notes());
            var provenance = version.provenance();
            String[] basedOn = provenance == null || provenance.basedOn() == null ? new String[2]
                    : provenance.basedOn().split(":", 2);
            s.setString(9, basedOn[0]);
            s.setString(10, basedOn[1]);
            s.setString(11, provenance == null ? null : provenance.provisionalReason());
            s.setString(12, provenance == null ? null : provenance.revisionOf());
            s.setString(13, provenance == null ? null : provenance.revisionReason());
            s.setBoolean(14, provenance != null && provenance.replacesSources());
            s.executeUpdate();
        }
    }

    private void insertRequirements(Connection c, String frameworkId, String versionName, List<Requirement> requirements)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO requirement (id, framework_id, version, parent_id,"
                + " position, kind, number, text_ja, text_en, target, obligation, required_from, deadline,"
                + " facility_kinds, guideline_refs, confidence, wording, source_urls, notes, goal_by, goal_condition_ja,"
                + " goal_condition_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
            for (Requirement r : requirements) {
                s.setString(1, r.id());
                s.setString(2, frameworkId);
                s.setString(3, versionName);
                s.setString(4, r.parentId());
                s.setInt(5, r.position());
                s.setString(6, r.kind());
                s.setString(7, r.number());
                s.setString(8, r.textJa());
                s.setString(9, r.textEn());
                s.setString(10, r.target());
                s.setString(11, r.obligation());
                s.setObject(12, r.requiredFrom(), Types.INTEGER);
                s.setObject(13, r.deadline() == null ? null : Date.valueOf(r.deadline()), Types.DATE);
                s.setArray(14, c.createArrayOf("text", r.facilityKinds().toArray()));
                s.setArray(15, c.createArrayOf("text", r.guidelineRefs().toArray()));
                s.setString(16, r.confidence());
                s.setString(17, r.wording());
                s.setString(18, write(r.sourceUrls()));
                s.setString(19, r.notes());
                var goal = r.goal();
                s.setObject(20, goal == null || goal.by() == null ? null : Date.valueOf(goal.by()), Types.DATE);
                s.setString(21, goal == null ? null : goal.conditionJa());
                s.setString(22, goal == null ? null : goal.conditionEn());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Moves a draft to published; false when it was not a draft (someone else published it first). */
    public boolean markPublished(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE framework_version SET status = 'published',"
                        + " published_at = now() WHERE framework_id = ? AND version = ? AND status = 'draft'")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The other published versions of the framework give way to the one just published; returns them. A revision
     * retires only the version it revises (and that version's other revisions), so that correcting last year's form or
     * an older guideline never retires the current one; otherwise a version for a later fiscal year stays current.
     */
    public List<String> supersedeOthers(String frameworkId, String publishedVersion) {
        List<String> superseded = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE framework_version v SET status = 'superseded'"
                        + " FROM framework_version p WHERE p.framework_id = v.framework_id AND p.version = ?"
                        + " AND v.framework_id = ? AND v.status = 'published' AND v.version <> ?"
                        + " AND CASE WHEN p.revision_of IS NOT NULL THEN v.version = p.revision_of OR v.revision_of = p.revision_of"
                        + " ELSE p.fiscal_year IS NULL OR v.fiscal_year IS NULL OR v.fiscal_year <= p.fiscal_year END"
                        + " RETURNING v.version")) {
            s.setString(1, publishedVersion);
            s.setString(2, frameworkId);
            s.setString(3, publishedVersion);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    superseded.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return superseded;
    }

    /** A published version of another framework gives way to a form that replaces it (two forms merged into one). */
    public boolean supersede(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE framework_version SET status = 'superseded'"
                        + " WHERE framework_id = ? AND version = ? AND status = 'published'")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String jsonArray) {
        try {
            return jsonArray == null ? List.of() : json.readValue(jsonArray, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> array(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
