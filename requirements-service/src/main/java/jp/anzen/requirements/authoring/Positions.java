package jp.anzen.requirements.authoring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jp.anzen.requirements.importing.VersionBundle.RequirementPart;

/**
 * Where items stand in a draft's list: by key, under which parents, and where a new one goes. A bundle may list an
 * item before or after its parent, and a parent's items need not stand together, so nothing here assumes tree order.
 */
final class Positions {

    private Positions() {
    }

    static int index(List<RequirementPart> items, String key) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The item and every item above it. */
    static Set<String> ancestors(List<RequirementPart> items, String key) {
        Set<String> found = new HashSet<>();
        String current = key;
        while (current != null && found.add(current)) {
            int at = index(items, current);
            current = at < 0 ? null : items.get(at).parent();
        }
        return found;
    }

    /** Where a new item goes under {@code parent}: after the parent's last descendant, or at the end. */
    static int endOf(List<RequirementPart> items, String parent) {
        return parent == null || index(items, parent) < 0 ? items.size() : endOfSubtree(items, index(items, parent));
    }

    /** The position right after the item at {@code at} and the last of the items under it (wherever they are listed). */
    static int endOfSubtree(List<RequirementPart> items, int at) {
        String key = items.get(at).key();
        int last = at;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).parent() != null && ancestors(items, items.get(i).parent()).contains(key)) {
                last = Math.max(last, i);
            }
        }
        return last + 1;
    }
}
