package jp.anzen.assessment.answers;

import jakarta.ws.rs.BadRequestException;

/** ETags are stream versions: {@code "7"} (weak tags and {@code *} are not meaningful for appends). */
final class ETags {

    private ETags() {
    }

    static Integer parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("\"") && tag.endsWith("\"") && tag.length() > 2) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must be the ETag of the assessment, e.g. \"7\"");
        }
    }
}
