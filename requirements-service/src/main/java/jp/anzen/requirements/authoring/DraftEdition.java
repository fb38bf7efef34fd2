package jp.anzen.requirements.authoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.importing.BundleValidator;
import jp.anzen.requirements.importing.VersionBundle.RequirementPart;

/**
 * A draft edition as its edits make it: the items in order, and where each comes from (its lineage). An edit is
 * applied to a copy and returns it, or throws with every error found and leaves this one as it was.
 */
final class DraftEdition {

    /**
     * One line of lineage: the source requirement id ({@code from}, null for an added item), the draft's item key
     * ({@code to}, null for a source item the draft removed), the relation the edits gave it and why.
     */
    record Link(String from, String to, String relation, String note) {
    }

    private static final Set<String> MEANING = Set.of("textJa", "target", "kind", "obligation");

    private final List<RequirementPart> items;
    private final List<Link> lineage;
    private final List<BundleError> errors = new ArrayList<>();

    DraftEdition(List<RequirementPart> items, List<Link> lineage) {
        this.items = new ArrayList<>(items);
        this.lineage = new ArrayList<>(lineage);
    }

    /** A copy of a published version: every item (groups aside) equivalent to the one it was copied from. */
    static DraftEdition copyOf(String sourcePrefix, List<RequirementPart> base) {
        List<Link> lineage = base.stream().filter(r -> !isGroup(r))
                .map(r -> new Link(sourcePrefix + r.key(), r.key(), "equivalent", null)).toList();
        return new DraftEdition(base, lineage);
    }

    List<RequirementPart> items() {
        return List.copyOf(items);
    }

    List<Link> lineage() {
        return List.copyOf(lineage);
    }

    /**
     * @param forms the published versions an {@code include-form} edit may name, by {@code framework:version}, as
     *            their items
     */
    DraftEdition apply(Edit edit, ObjectMapper json, Function<String, Optional<List<RequirementPart>>> forms) {
        DraftEdition next = new DraftEdition(items, lineage);
        if (edit.reason() == null || edit.reason().isBlank() || edit.reason().length() > 2000) {
            next.error("/reason", "say why (1 to 2000 characters): the reason goes into the edition's mapping and history");
        }
        switch (edit.op() == null ? "" : edit.op()) {
            case "amend" -> next.amend(edit, json);
            case "add" -> next.add(edit);
            case "remove" -> next.remove(edit);
            case "merge" -> next.merge(edit);
            case "split" -> next.split(edit);
            case "include-form" -> next.includeForm(edit, forms);
            default -> next.error("/op", "one of " + Edit.OPS);
        }
        if (!next.errors.isEmpty()) {
            throw new InvalidEditException("The edit has " + next.errors.size() + " error(s); the draft is unchanged",
                    next.errors);
        }
        return next;
    }

    /** One item ({@code key}), or several given the same changes ({@code keys}: e.g. marking wording as derived). */
    private void amend(Edit edit, ObjectMapper json) {
        if (edit.changes() == null || edit.changes().isEmpty()) {
            error("/changes", "name the fields to change, e.g. {\"textJa\": \"…\"}; null clears a field");
        }
        if ((edit.key() == null) == (edit.keys() == null || edit.keys().isEmpty())) {
            error("/key", "name the item to amend (key), or the items given the same changes (keys), not both");
            return;
        }
        if (edit.key() != null) {
            amend("/key", edit.key(), edit, json);
        } else {
            for (int i = 0; i < edit.keys().size(); i++) {
                amend("/keys/" + i, edit.keys().get(i), edit, json);
            }
        }
    }

    private void amend(String pointer, String key, Edit edit, ObjectMapper json) {
        int at = existing(pointer, key);
        if (at < 0 || !errors.isEmpty()) {
            return;
        }
        RequirementPart old = items.get(at);
        ObjectNode merged = json.valueToTree(old);
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) edit.changes()::fields) {
            if ("key".equals(field.getKey())) {
                error("/changes/key", "a key never changes; split the item, or remove it and add another");
            } else if (!RequirementFields.NAMES.contains(field.getKey())) {
                error("/changes/" + field.getKey(), "not a field of an item; one of " + RequirementFields.NAMES);
            } else if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        RequirementPart changed;
        try {
            changed = json.treeToValue(merged, RequirementPart.class);
        } catch (JsonProcessingException e) {
            error("/changes", "a value has the wrong type: " + e.getOriginalMessage());
            return;
        }
        check("/changes", changed);
        if (isGroup(old) != isGroup(changed)) {
            error("/changes/kind", "a group stays a group and an item an item; add or remove instead");
        }
        parent("/changes/parent", changed);
        if (!errors.isEmpty()) {
            return;
        }
        items.set(at, changed);
        JsonNode before = json.valueToTree(old);
        JsonNode after = json.valueToTree(changed);
        boolean substantive = edit.substantive() != null ? edit.substantive()
                : MEANING.stream().anyMatch(f -> !Objects.equals(before.get(f), after.get(f)));
        if (substantive) {
            relink(Set.of(key), l -> List.of("equivalent".equals(l.relation())
                    ? new Link(l.from(), l.to(), "changed", edit.reason()) : l));
        }
    }

    private void add(Edit edit) {
        RequirementPart item = edit.item();
        if (item == null) {
            error("/item", "give the item to add, as in a catalogue bundle (key, parent, kind, textJa, confidence, …)");
            return;
        }
        if (BundleValidator.key(errors, "/item/key", item.key()) && Positions.index(items, item.key()) >= 0) {
            error("/item/key", "the draft has an item '" + item.key() + "' already");
        }
        check("/item", item);
        parent("/item/parent", item);
        int position = edit.after() == null ? Positions.endOf(items, item.parent()) : existing("/after", edit.after());
        if (!errors.isEmpty()) {
            return;
        }
        items.add(edit.after() == null ? position : Positions.endOfSubtree(items, position), item);
        if (!isGroup(item)) {
            lineage.add(new Link(null, item.key(), "added", edit.reason()));
        }
    }

    private void remove(Edit edit) {
        int at = existing("/key", edit.key());
        if (at < 0) {
            return;
        }
        leaf("/key", edit.key());
        if (!errors.isEmpty()) {
            return;
        }
        items.remove(at);
        relink(Set.of(edit.key()), l -> l.from() == null ? List.of() : List.of(new Link(l.from(), null, "removed", edit.reason())));
    }

    private void merge(Edit edit) {
        List<String> keys = edit.keys() == null ? List.of() : edit.keys();
        if (keys.size() < 2 || new HashSet<>(keys).size() != keys.size()) {
            error("/keys", "name two or more different items to merge");
        }
        for (int i = 0; i < keys.size(); i++) {
            if (existing("/keys/" + i, keys.get(i)) >= 0) {
                leaf("/keys/" + i, keys.get(i));
            }
        }
        RequirementPart into = edit.into() == null || edit.into().size() != 1 ? null : edit.into().get(0);
        if (into == null) {
            error("/into", "give the one item they merge into, e.g. [{key, parent, kind, textJa, confidence}]");
        } else {
            newKey("/into/0/key", into.key(), keys);
            check("/into/0", into);
            if (keys.contains(into.parent())) {
                error("/into/0/parent", "the parent cannot be one of the merged items");
            }
            parent("/into/0/parent", into);
        }
        if (!errors.isEmpty()) {
            return;
        }
        int first = keys.stream().mapToInt(k -> Positions.index(items, k)).min().orElseThrow();
        items.set(first, into);
        items.removeIf(r -> r != into && keys.contains(r.key()));
        boolean[] added = { false }; // items added by earlier edits become one added item
        relink(Set.copyOf(keys), l -> {
            if (l.from() != null) {
                return List.of(new Link(l.from(), into.key(), "merged", edit.reason()));
            }
            if (added[0]) {
                return List.of();
            }
            added[0] = true;
            return List.of(new Link(null, into.key(), "added", l.note()));
        });
    }

    private void split(Edit edit) {
        int at = existing("/key", edit.key());
        if (at >= 0) {
            leaf("/key", edit.key());
        }
        List<RequirementPart> into = edit.into() == null ? List.of() : edit.into();
        if (into.size() < 2) {
            error("/into", "give the two or more items it splits into");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < into.size(); i++) {
            RequirementPart part = into.get(i);
            if (part == null) {
                error("/into/" + i, "is empty");
                continue;
            }
            if (newKey("/into/" + i + "/key", part.key(), edit.key() == null ? List.of() : List.of(edit.key()))
                    && !seen.add(part.key())) {
                error("/into/" + i + "/key", "duplicate key '" + part.key() + "'");
            }
            check("/into/" + i, part);
            if (edit.key() != null && edit.key().equals(part.parent())) {
                error("/into/" + i + "/parent", "the parent cannot be the item being split");
            }
            parent("/into/" + i + "/parent", part);
            if (isGroup(part)) {
                error("/into/" + i + "/kind", "an item splits into items, not groups");
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        items.remove(at);
        items.addAll(at, into);
        relink(Set.of(edit.key()), l -> into.stream().map(part -> l.from() == null
                ? new Link(null, part.key(), "added", l.note())
                : new Link(l.from(), part.key(), "split", edit.reason())).toList());
    }

    private void includeForm(Edit edit, Function<String, Optional<List<RequirementPart>>> forms) {
        if (edit.form() == null || edit.form().framework() == null || edit.form().version() == null) {
            error("/form", "name the published form to include: {framework, version}");
            return;
        }
        String prefix = edit.form().id() + ":";
        if (lineage.stream().anyMatch(l -> l.from() != null && l.from().startsWith(prefix))) {
            error("/form", edit.form().id() + " is in the draft's lineage already");
            return;
        }
        Optional<List<RequirementPart>> source = forms.apply(edit.form().id());
        if (source.isEmpty()) {
            error("/form", "no published version " + edit.form().version() + " of " + edit.form().framework());
            return;
        }
        for (RequirementPart theirs : source.get()) {
            if (isGroup(theirs)) {
                continue;
            }
            int at = Positions.index(items, theirs.key());
            if (at < 0 || isGroup(items.get(at))) {
                lineage.add(new Link(prefix + theirs.key(), null, "removed", edit.reason()));
                continue;
            }
            RequirementPart ours = items.get(at);
            boolean same = Objects.equals(ours.textJa(), theirs.textJa()) && Objects.equals(ours.target(), theirs.target());
            lineage.add(new Link(prefix + theirs.key(), ours.key(), same ? "equivalent" : "changed",
                    same ? null : edit.reason()));
            Set<String> kinds = new LinkedHashSet<>(ours.facilityKinds() == null ? List.of() : ours.facilityKinds());
            kinds.addAll(theirs.facilityKinds() == null ? List.of() : theirs.facilityKinds());
            items.set(at, RequirementFields.withFacilityKinds(ours, List.copyOf(kinds)));
        }
    }

    /** Replaces each line of lineage that leads to one of {@code keys} by what {@code change} makes of it, in place. */
    private void relink(Set<String> keys, Function<Link, List<Link>> change) {
        List<Link> next = new ArrayList<>(lineage.size());
        for (Link l : lineage) {
            if (l.to() != null && keys.contains(l.to())) {
                next.addAll(change.apply(l));
            } else {
                next.add(l);
            }
        }
        lineage.clear();
        lineage.addAll(next);
    }

    private void check(String at, RequirementPart item) {
        List<BundleError> found = new ArrayList<>();
        BundleValidator.requirement(found, at, item);
        found.forEach(e -> error(RequirementFields.camel(e.pointer()), e.detail()));
    }

    private void parent(String at, RequirementPart item) {
        if (item.parent() == null) {
            return;
        }
        if (item.parent().equals(item.key())) {
            error(at, "an item cannot be its own parent");
        } else if (Positions.index(items, item.parent()) < 0) {
            error(at, "the draft has no item '" + item.parent() + "'");
        } else if (Positions.ancestors(items, item.parent()).contains(item.key())) {
            error(at, "'" + item.parent() + "' lies under '" + item.key() + "': that would make a cycle");
        }
    }

    private boolean newKey(String at, String key, List<String> replaced) {
        if (!BundleValidator.key(errors, at, key)) {
            return false;
        }
        if (!replaced.contains(key) && Positions.index(items, key) >= 0) {
            error(at, "the draft has an item '" + key + "' already");
            return false;
        }
        return true;
    }

    private void leaf(String at, String key) {
        List<String> children = items.stream().filter(r -> key.equals(r.parent())).map(RequirementPart::key).toList();
        if (!children.isEmpty()) {
            error(at, "'" + key + "' has items under it (" + String.join(", ", children) + "): remove or move them first");
        }
    }

    private int existing(String at, String key) {
        int index = key == null ? -1 : Positions.index(items, key);
        if (index < 0) {
            error(at, key == null ? "name the item's key" : "the draft has no item '" + key + "'");
        }
        return index;
    }

    private static boolean isGroup(RequirementPart r) {
        return "group".equals(r.kind());
    }

    private void error(String pointer, String detail) {
        errors.add(new BundleError(pointer, detail));
    }
}
