package jp.anzen.assessment.eventstore;

import java.util.List;

/**
 * Who wrote an event: the token's subject and user name, the OAuth client it came through, the roles it
 * held, the source system it named ({@code X-Source-System}) and the request id. The event history is the
 * audit trail.
 */
public record Actor(String subject, String username, String clientId, List<String> roles, String sourceSystem,
        String requestId) {
}
