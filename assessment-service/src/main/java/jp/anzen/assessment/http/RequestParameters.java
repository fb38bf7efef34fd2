package jp.anzen.assessment.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters get the same rule as body strings: no NUL or other control character (a CRLF in an
 * id once reached a response header), and at most {@value #MAX_LENGTH} characters. Each resource checks the form
 * of its own parameters on top of this.
 */
public class RequestParameters {

    static final int MAX_LENGTH = 500;

    /** A parameter no resource could use. */
    public static class InvalidParameterValueException extends RuntimeException {

        private final String parameter;

        InvalidParameterValueException(String parameter, String detail) {
            super(detail);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        check(request.getUriInfo().getPathParameters());
        check(request.getUriInfo().getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            for (String value : p.getValue()) {
                if (value.length() > MAX_LENGTH) {
                    throw new InvalidParameterValueException(p.getKey(), "at most " + MAX_LENGTH + " characters");
                }
                if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new InvalidParameterValueException(p.getKey(), "control characters (such as NUL, CR, LF) are not allowed");
                }
            }
        }
    }
}
