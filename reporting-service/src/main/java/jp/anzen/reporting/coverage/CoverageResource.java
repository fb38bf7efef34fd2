package jp.anzen.reporting.coverage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jp.anzen.reporting.access.Reader;
import jp.anzen.reporting.readiness.AsOf;

@Path("/api/reports/requirements/{requirementId}/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class CoverageResource {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Reader reader;
    @Inject
    SecurityIdentity identity;
    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "How many facilities answer a requirement yes / no / not applicable, by facility kind and"
            + " prefecture (inspectors: their prefecture only)")
    public Coverage coverage(@PathParam("requirementId") String requirementId, @QueryParam("asOf") String asOfParameter) {
        String prefecture = null;
        if (!reader.seesEverything()) {
            if (!identity.hasRole("inspector") || token.getClaim("prefecture") == null) {
                throw new ForbiddenException("Coverage across facilities is for operations, administrators and inspectors");
            }
            prefecture = token.getClaim("prefecture");
        }
        Instant asOf = AsOf.parse(asOfParameter);
        List<Coverage.Group> byKind = groups("f.kind", requirementId, prefecture, asOf);
        List<Coverage.Group> byPrefecture = groups("f.prefecture", requirementId, prefecture, asOf);
        Coverage.Counts total = new Coverage.Counts(byKind.stream().mapToInt(Coverage.Group::yes).sum(),
                byKind.stream().mapToInt(Coverage.Group::no).sum(), byKind.stream().mapToInt(Coverage.Group::notApplicable).sum());
        return new Coverage(requirementId, asOf, prefecture, total, byKind, byPrefecture);
    }

    private List<Coverage.Group> groups(String column, String requirementId, String prefecture, Instant asOf) {
        List<Coverage.Group> groups = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + ", count(*) FILTER (WHERE an.value = 'yes'),"
                        + " count(*) FILTER (WHERE an.value = 'no'), count(*) FILTER (WHERE an.value = 'not-applicable')"
                        + " FROM answer an JOIN assessment a ON a.id = an.assessment_id JOIN facility f ON f.code = a.facility_code"
                        + " WHERE an.requirement_id = ? AND an.round = 1 AND an.valid_from <= ? AND (an.valid_to IS NULL OR an.valid_to > ?)"
                        + " AND (?::text IS NULL OR f.prefecture = ?) GROUP BY " + column + " ORDER BY " + column)) {
            s.setString(1, requirementId);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setTimestamp(3, Timestamp.from(asOf));
            s.setString(4, prefecture);
            s.setString(5, prefecture);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    groups.add(new Coverage.Group(r.getString(1), r.getInt(2), r.getInt(3), r.getInt(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return groups;
    }
}
