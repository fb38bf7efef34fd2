package jp.anzen.requirements.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed from one edition to the next, read off their edition mapping set: items added, removed,
 * changed (and how), merged (several into one) and split (one into several); unchanged items are counted. {@code from}
 * is a version of the same framework, or {@code framework:version} of another (a form merged into this one).
 */
public record EditionDiff(String frameworkId, String from, String to, String mappingSet, List<String> added,
        List<String> removed, List<Change> changed, List<Merge> merged, List<Split> split, int equivalent) {

    public record Change(String from, String to, String note) {
    }

    public record Merge(List<String> from, String to, String note) {
    }

    public record Split(String from, List<String> to, String note) {
    }

    public static EditionDiff of(String frameworkId, MappingSet set) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        Map<String, List<Mapping>> merges = new LinkedHashMap<>();
        Map<String, List<Mapping>> splits = new LinkedHashMap<>();
        int equivalent = 0;
        for (Mapping m : set.mappings()) {
            switch (m.relation()) {
                case "added" -> added.add(m.toRequirement());
                case "removed" -> removed.add(m.fromRequirement());
                case "changed" -> changed.add(new Change(m.fromRequirement(), m.toRequirement(), m.note()));
                case "merged" -> merges.computeIfAbsent(m.toRequirement(), k -> new ArrayList<>()).add(m);
                case "split" -> splits.computeIfAbsent(m.fromRequirement(), k -> new ArrayList<>()).add(m);
                default -> equivalent++;
            }
        }
        List<Merge> merged = merges.entrySet().stream().map(e -> new Merge(
                e.getValue().stream().map(Mapping::fromRequirement).toList(), e.getKey(), e.getValue().get(0).note())).toList();
        List<Split> split = splits.entrySet().stream().map(e -> new Split(e.getKey(),
                e.getValue().stream().map(Mapping::toRequirement).toList(), e.getValue().get(0).note())).toList();
        String from = set.fromFramework().equals(frameworkId) ? set.fromVersion() : set.fromFramework() + ":" + set.fromVersion();
        return new EditionDiff(frameworkId, from, set.toVersion(), set.id(), added, removed, changed, merged, split, equivalent);
    }
}
