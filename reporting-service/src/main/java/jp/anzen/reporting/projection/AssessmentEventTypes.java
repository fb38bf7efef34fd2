package jp.anzen.reporting.projection;

import java.util.Set;

/**
 * The assessment event types this reader knows, each at the version it reads. Anything else (a type never heard of,
 * or a known one at a version this reader cannot vouch for) is not skipped as a tolerant reader would: it is
 * dead-lettered, so that it can be replayed once a reader that knows it is deployed, and its facility shows as stale
 * meanwhile. Skipping would lose it silently.
 */
final class AssessmentEventTypes {

    static final String PREFIX = "jp.anzen.assessment.";

    private static final Set<String> KNOWN_V1 = Set.of("facility-registered", "network-membership-granted",
            "network-membership-revoked", "vendor-contract-granted", "vendor-contract-revoked", "services-declared",
            "assessment-opened", AnswerEvents.RECORDED, AnswerEvents.RECORDED_V2, "answer-carried-forward", "round-signed-off",
            "round-reopened");

    private AssessmentEventTypes() {
    }

    /** The short name of a known type ({@code jp.anzen.assessment.answer-recorded.v1} is answer-recorded). */
    static String known(String type) {
        if (type == null || !type.startsWith(PREFIX) || !type.endsWith(".v1")) {
            throw new UnreadableEventException("event type '" + type + "' is not one this reader knows (jp.anzen.assessment.*.v1)");
        }
        String name = type.substring(PREFIX.length(), type.length() - ".v1".length());
        if (!KNOWN_V1.contains(name)) {
            throw new UnreadableEventException("event type '" + type + "' is not one this reader knows");
        }
        return name;
    }
}
