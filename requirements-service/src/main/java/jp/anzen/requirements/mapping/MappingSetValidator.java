package jp.anzen.requirements.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jp.anzen.requirements.importing.BundleError;

/** Checks a mapping set against the two versions it relates, reporting every error at once. */
final class MappingSetValidator {

    static final Set<String> KINDS = Set.of("edition", "cites");
    static final Set<String> EDITION_RELATIONS = Set.of("equivalent", "changed", "added", "merged", "split", "removed");

    private MappingSetValidator() {
    }

    /** @param fromKeys keys of the source version's requirements, null when the version does not exist */
    static List<BundleError> validate(MappingSetBundle set, Set<String> fromKeys, Set<String> toKeys) {
        List<BundleError> errors = new ArrayList<>();
        if (!MappingSetBundle.FORMAT.equals(set.format())) {
            errors.add(new BundleError("/format", "must be " + MappingSetBundle.FORMAT));
        }
        if (set.kind() == null || !KINDS.contains(set.kind())) {
            errors.add(new BundleError("/kind", "one of " + KINDS));
        }
        if (set.from() == null || fromKeys == null) {
            errors.add(new BundleError("/from", "must name an imported framework version (framework, version)"));
        }
        if (set.to() == null || toKeys == null) {
            errors.add(new BundleError("/to", "must name an imported framework version (framework, version)"));
        }
        List<MappingSetBundle.Entry> mappings = set.mappings() == null ? List.of() : set.mappings();
        if (mappings.isEmpty()) {
            errors.add(new BundleError("/mappings", "must list at least one mapping"));
        }
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            String at = "/mappings/" + i;
            var m = mappings.get(i);
            if (m == null) {
                errors.add(new BundleError(at, "is empty"));
                continue;
            }
            boolean cites = "cites".equals(set.kind());
            if (m.relation() == null || (cites ? !"cites".equals(m.relation()) : !EDITION_RELATIONS.contains(m.relation()))) {
                errors.add(new BundleError(at + "/relation", cites ? "must be cites" : "one of " + EDITION_RELATIONS));
            }
            boolean needsFrom = !"added".equals(m.relation());
            boolean needsTo = !"removed".equals(m.relation());
            side(errors, at + "/from", m.from(), needsFrom, fromKeys, m.relation());
            side(errors, at + "/to", m.to(), needsTo, toKeys, m.relation());
            if (!pairs.add(m.from() + "->" + m.to())) {
                errors.add(new BundleError(at, "the same pair is mapped twice"));
            }
        }
        return errors;
    }

    private static void side(List<BundleError> errors, String at, String key, boolean needed, Set<String> keys,
            String relation) {
        if (key == null) {
            if (needed) {
                errors.add(new BundleError(at, "is required for relation " + relation));
            }
        } else if (!needed) {
            errors.add(new BundleError(at, "must be absent for relation " + relation));
        } else if (keys != null && !keys.contains(key)) {
            errors.add(new BundleError(at, "no requirement has the key '" + key + "' in that version"));
        }
    }
}
