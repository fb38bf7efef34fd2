package jp.anzen.requirements.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jp.anzen.requirements.catalogue.Requirement;

/** Orders requirements so that every parent comes before its children, keeping the given order otherwise. */
final class TreeOrder {

    private TreeOrder() {
    }

    static List<Requirement> parentsFirst(List<Requirement> requirements) {
        List<Requirement> ordered = new ArrayList<>(requirements.size());
        Set<String> placed = new HashSet<>();
        List<Requirement> pending = new ArrayList<>(requirements);
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext();) {
                Requirement r = it.next();
                if (r.parentId() == null || placed.contains(r.parentId())) {
                    ordered.add(r);
                    placed.add(r.id());
                    it.remove();
                }
            }
            if (pending.size() == before) {
                throw new InvalidBundleException("The requirement tree has a cycle", pending.stream()
                        .map(r -> new BundleError("/requirements", "'" + r.id() + "' is part of a parent cycle")).toList());
            }
        }
        return ordered;
    }
}
