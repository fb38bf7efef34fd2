package jp.anzen.reporting.deadletter;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.anzen.reporting.problem.InvalidFieldException;
import jp.anzen.reporting.problem.InvalidParameterException;
import jp.anzen.reporting.problem.NotVisibleException;
import jp.anzen.reporting.problem.UnprocessableException;

/**
 * Administrators see the events the projections could not apply, and replay one once its cause is fixed (or dismiss
 * it, saying why). Until then its facility's reports say they are stale.
 */
@Path("/api/reports/admin/dead-letters")
@RolesAllowed("anzen-admin")
@Tag(name = "Administration")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final Set<String> STATUSES = Set.of("pending", "replayed", "dismissed");
    private static final int MAX_PAGE = 100_000;
    private static final int MAX_NOTE = 2000;

    /** Why a dead letter is dismissed. */
    public record Dismissal(String note) {
    }

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final JsonWebToken token;

    public DeadLetterResource(DeadLetters deadLetters, DeadLetterReplay replay, JsonWebToken token) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.token = token;
    }

    @GET
    @Operation(summary = "The dead-lettered events, newest first (status pending, replayed or dismissed; all if not given)")
    public DeadLetters.Page list(@QueryParam("status") String status, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidParameterException("status", "one of pending, replayed, dismissed");
        }
        return deadLetters.list(status, bounded("page", page, 0, 0, MAX_PAGE), bounded("size", size, 50, 1, 500));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter: the record as it was read (headers, payload), where, why, and what became of it")
    public DeadLetter get(@PathParam("id") String id) {
        return deadLetters.find(uuid(id)).orElseThrow(() -> new NotVisibleException("No dead letter " + id));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Apply a pending dead letter again, exactly once; one that still fails stays pending (422, with the reason)")
    public DeadLetter replay(@PathParam("id") String id) throws Exception {
        UUID key = uuid(id);
        DeadLetterReplay.Outcome outcome = replay.replay(key, token.getName());
        if (!outcome.applied()) {
            throw new UnprocessableException("replay-failed", "The event still cannot be applied: " + outcome.reason()
                    + ". It stays pending; fix the cause, then replay it again, or dismiss it.");
        }
        return deadLetters.find(key).orElseThrow();
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a pending dead letter off the list without applying it, with a note saying why")
    public DeadLetter dismiss(@PathParam("id") String id, Dismissal dismissal) throws Exception {
        UUID key = uuid(id);
        if (dismissal == null || dismissal.note() == null || dismissal.note().isBlank()) {
            throw new InvalidFieldException("/note", "is required: say why the event is dismissed rather than replayed");
        }
        if (dismissal.note().length() > MAX_NOTE) {
            throw new InvalidFieldException("/note", "at most " + MAX_NOTE + " characters");
        }
        replay.dismiss(key, token.getName(), dismissal.note());
        return deadLetters.find(key).orElseThrow();
    }

    private static UUID uuid(String id) {
        try {
            if (id != null && id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new NotVisibleException("No dead letter " + id);
    }

    private static int bounded(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,7}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw new InvalidParameterException(name, "a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(value);
    }
}
