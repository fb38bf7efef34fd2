package jp.anzen.assessment.answers;

/** Event {@code round-signed-off}: the round is frozen; changing it needs an explicit reopen. */
public record RoundSignedOff(String assessmentId, int round) {

    public static final String TYPE = "round-signed-off";
}
