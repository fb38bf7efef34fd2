package jp.anzen.reporting.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

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
    public Response invalidParameter(InvalidParameterException e) {
        return Problem.of("invalid-parameter", "Invalid parameter", Status.BAD_REQUEST,
                "Query parameter " + e.parameter() + ": " + e.getMessage())
                .withErrors(java.util.List.of(new Problem.FieldError(e.parameter(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response notVisible(NotVisibleException e) {
        return Problem.of("not-found", "Not found", Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.of("conflict", "Conflict", Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return Problem.of("invalid-request", "Invalid request", Status.BAD_REQUEST, "Some parameters are invalid.")
                .withErrors(e.getConstraintViolations().stream()
                        .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return Problem.of("malformed-json", "Malformed JSON", Status.BAD_REQUEST,
                "The request body is not valid JSON for this operation: " + e.getOriginalMessage()).toResponse();
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
