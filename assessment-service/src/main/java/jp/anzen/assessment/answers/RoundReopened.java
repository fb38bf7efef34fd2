package jp.anzen.assessment.answers;

/** Event {@code round-reopened}: a signed-off round is open for changes again, for the reason given. */
public record RoundReopened(String assessmentId, int round, String reason) {

    public static final String TYPE = "round-reopened";
}
