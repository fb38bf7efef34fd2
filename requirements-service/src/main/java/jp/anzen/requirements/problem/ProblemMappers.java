package jp.anzen.requirements.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jp.anzen.requirements.http.JsonErrors;
import jp.anzen.requirements.http.RequestParameters;
import jp.anzen.requirements.http.StrictUtf8;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jp.anzen.requirements.authoring.InvalidEditException;
import jp.anzen.requirements.importing.InvalidBundleException;
import jp.anzen.requirements.publishing.VersionNotDraftException;

/** Every error this service answers becomes a problem response; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(Problem.of("unauthenticated", "Authentication required", Status.UNAUTHORIZED,
                "Send a valid bearer access token from the anzen realm in the Authorization header.").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"anzen\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of("forbidden", "Not allowed", Status.FORBIDDEN,
                "Your roles do not allow this operation.").toResponse();
    }

    @ServerExceptionMapper
    public Response invalidBundle(InvalidBundleException e) {
        return Problem.of("invalid-bundle", "Invalid catalogue bundle", Status.BAD_REQUEST, e.getMessage())
                .withErrors(e.errors().stream().map(err -> new Problem.FieldError(err.pointer(), err.detail())).toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalidEdit(InvalidEditException e) {
        return Problem.of("invalid-edit", "Invalid edit", Status.BAD_REQUEST, e.getMessage())
                .withErrors(e.errors().stream().map(err -> new Problem.FieldError(err.pointer(), err.detail())).toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return Problem.of("invalid-parameter", "Invalid parameter", Status.BAD_REQUEST,
                "Query parameter " + e.parameter() + ": " + e.getMessage())
                .withErrors(java.util.List.of(new Problem.FieldError(e.parameter(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response notDraft(VersionNotDraftException e) {
        return e.status() == null
                ? Problem.of("not-found", "Not found", Status.NOT_FOUND, e.getMessage()).toResponse()
                : Problem.of("version-not-draft", "Version is not a draft", Status.CONFLICT,
                        e.getMessage() + "; once published, nothing changes: import a new version instead").toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return Problem.of("invalid-request", "Invalid request", Status.BAD_REQUEST, "Some parameters are invalid.")
                .withErrors(e.getConstraintViolations().stream()
                        .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList())
                .toResponse();
    }

    /** A value of the wrong type or form, named by its place in the body (the framework's own mapper answers bare). */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(com.fasterxml.jackson.databind.JsonMappingException e) {
        String pointer = JsonErrors.pointer(e);
        String detail = JsonErrors.detail(e);
        return Problem.of("invalid-request", "Invalid request", Status.BAD_REQUEST,
                (pointer.isEmpty() ? "The body" : pointer) + ": " + detail + "; nothing was stored.")
                .withErrors(java.util.List.of(new Problem.FieldError(pointer, detail))).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedUtf8(StrictUtf8.MalformedUtf8Exception e) {
        return Problem.of("malformed-encoding", "Malformed encoding", Status.BAD_REQUEST, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unusableParameter(RequestParameters.InvalidParameterValueException e) {
        return Problem.of("invalid-parameter", "Invalid parameter", Status.BAD_REQUEST,
                "Parameter " + e.parameter() + ": " + e.getMessage())
                .withErrors(java.util.List.of(new Problem.FieldError(e.parameter(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return Problem.of("malformed-json", "Malformed JSON", Status.BAD_REQUEST,
                "The request body is not valid JSON: " + JsonErrors.syntax(e) + "; nothing was stored.").toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP 404") ? "No resource at this path."
                : e.getMessage();
        return Problem.of("not-found", "Not found", Status.NOT_FOUND, detail).toResponse();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Problem.of("method-not-allowed", "Method not allowed", Status.METHOD_NOT_ALLOWED,
                "Allowed methods: " + e.getResponse().getAllowedMethods()).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // the JSON reader wraps some of Jackson's errors: they are answered as Jackson's own
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            return unreadableJson(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException syntax) {
            return badJson(syntax);
        }
        Status status = Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null || status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e);
        }
        return Problem.of(status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), status.getReasonPhrase(),
                status, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return Problem.of("internal", "Internal error", Status.INTERNAL_SERVER_ERROR,
                "The service failed unexpectedly; the error was logged. Retry later or report it.").toResponse();
    }
}
