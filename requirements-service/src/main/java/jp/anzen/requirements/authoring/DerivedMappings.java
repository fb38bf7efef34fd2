package jp.anzen.requirements.authoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;
import jp.anzen.requirements.importing.VersionBundle.RequirementPart;
import jp.anzen.requirements.mapping.Mapping;
import jp.anzen.requirements.mapping.MappingSet;

/**
 * The edition mapping sets a draft's lineage makes: one from each source version (the base, and every form it
 * included) to the draft. Each source item is mapped as its lineage says (equivalent, changed, merged, split,
 * removed); each item of the draft that nothing of that source maps to is added.
 */
final class DerivedMappings {

    private DerivedMappings() {
    }

    static List<MappingSet> of(String frameworkId, String version, VersionStatus status, List<DraftEdition.Link> lineage,
            List<RequirementPart> items) {
        Map<String, List<DraftEdition.Link>> bySource = new LinkedHashMap<>();
        Map<String, String> addedNotes = new LinkedHashMap<>();
        for (DraftEdition.Link l : lineage) {
            if (l.from() == null) {
                addedNotes.put(l.to(), l.note());
            } else {
                String source = l.from().substring(0, l.from().lastIndexOf(':'));
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(l);
            }
        }
        String to = Requirement.id(frameworkId, version, "");
        List<MappingSet> sets = new ArrayList<>();
        for (var source : bySource.entrySet()) {
            String[] from = frameworkAndVersion(source.getKey());
            String id = "edition:" + source.getKey() + "--" + frameworkId + ":" + version;
            List<Mapping> mappings = new ArrayList<>();
            Set<String> reached = new HashSet<>();
            for (DraftEdition.Link l : source.getValue()) {
                mappings.add(new Mapping(id, "edition", l.from(), l.to() == null ? null : to + l.to(), l.relation(), l.note()));
                reached.add(l.to());
            }
            for (RequirementPart item : items) {
                if (!"group".equals(item.kind()) && !reached.contains(item.key())) {
                    mappings.add(new Mapping(id, "edition", null, to + item.key(), "added", addedNotes.get(item.key())));
                }
            }
            sets.add(new MappingSet(id, "edition", from[0], from[1], frameworkId, version, status, null, mappings));
        }
        return sets;
    }

    /** {@code framework:version} (a framework id has no colon; a version neither). */
    private static String[] frameworkAndVersion(String source) {
        int at = source.indexOf(':');
        return new String[] { source.substring(0, at), source.substring(at + 1) };
    }
}
