package jp.anzen.reporting.coverage;

import java.time.Instant;
import java.util.List;

/** How facilities answer one requirement (their current first confirmation), by facility kind and prefecture. */
public record Coverage(String requirementId, Instant asOf, String prefecture, Counts total, List<Group> byKind,
        List<Group> byPrefecture) {

    public record Counts(int yes, int no, int notApplicable) {
    }

    public record Group(String key, int yes, int no, int notApplicable) {
    }
}
