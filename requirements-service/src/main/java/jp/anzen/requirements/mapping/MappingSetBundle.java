package jp.anzen.requirements.mapping;

import java.util.List;

/**
 * The import format of a mapping set ({@code format: anzen-mapping-set/1}): relations between the items
 * of two framework versions, by their keys. {@code kind: edition} relates an edition to the next one;
 * {@code kind: cites} relates checklist items to the guideline sections they cite.
 */
public record MappingSetBundle(String format, String kind, VersionRef from, VersionRef to, List<Entry> mappings) {

    public static final String FORMAT = "anzen-mapping-set/1";

    public record VersionRef(String framework, String version) {
    }

    /** {@code from} is absent for an added item, {@code to} for a removed one. */
    public record Entry(String from, String to, String relation, String note) {
    }

    public String id() {
        return kind + ":" + from.framework() + ":" + from.version() + "--" + to.framework() + ":" + to.version();
    }
}
