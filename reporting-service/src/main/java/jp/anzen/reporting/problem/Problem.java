package jp.anzen.reporting.problem;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. {@code type} is stable per kind of error ({@code urn:anzen:problem:<kind>}),
 * {@code detail} says what to fix, {@code errors} names each invalid field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String pointer, String detail) {
    }

    public static Problem of(String kind, String title, Response.Status status, String detail) {
        return new Problem("urn:anzen:problem:" + kind, title, status.getStatusCode(), detail, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
