package jp.anzen.reporting.summary;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.anzen.reporting.sql.Parameters;
import jp.anzen.reporting.readiness.AsOf;

/**
 * The summary of the present, read from each form's {@code current_answers} and {@code current_no_targets} (kept by
 * the projection, see V5) instead of from every answer row: one row per facility and the catalogue items of the forms
 * in play. The counting is done here.
 */
final class SummaryNow {

    private SummaryNow() {
    }

    /** One item of a form version, in the order of {@code current_answers}. */
    private record Item(String requirementId, String number, String textJa, int position, Set<String> facilityKinds) {

        boolean expectedOf(String kind) {
            return facilityKinds.isEmpty() || facilityKinds.contains(kind);
        }
    }

    /** A facility and its own form of the year, if it has one, with that form's current answers. */
    private record Form(String code, String name, String kind, boolean hasSystem, String assessmentId, String version,
            String answers, String noTargets) {
    }

    /**
     * A form's target dates, comma-separated in item order ({@code current_no_targets}), read forward up to each "no"
     * asked for: splitting every form's list was a twelfth of a summary's time, and most of its entries are empty.
     */
    static final class NoTargets {

        private final String list;
        private int index; // the entry that starts at position
        private int position;

        NoTargets(String list) {
            this.list = list == null ? "" : list;
        }

        /** Entry {@code i}, "" past the end; {@code i} never goes back. */
        String at(int i) {
            while (index < i && position >= 0) {
                int comma = list.indexOf(',', position);
                position = comma < 0 ? -1 : comma + 1;
                index++;
            }
            if (position < 0 || position > list.length()) {
                return "";
            }
            int end = list.indexOf(',', position);
            return list.substring(position, end < 0 ? list.length() : end);
        }
    }

    static SummaryParts read(Connection c, SummaryQueries.Scope scope, String scopeValue, int fiscalYear, Instant at)
            throws SQLException {
        List<Form> forms = forms(c, scope, scopeValue, fiscalYear, at);
        Map<String, List<Item>> itemsByVersion = items(c, forms);
        String today = AsOf.dateInJapan(at).toString(); // ISO dates compare as strings

        List<Summary.FacilityLine> lines = new ArrayList<>(forms.size());
        List<SummaryParts.OverdueAnswer> overdue = new ArrayList<>();
        Map<Item, int[]> perItem = new IdentityHashMap<>(); // answered, no; an item is one object per summary
        Map<String, Integer> expectedPerVersionAndKind = new HashMap<>();
        int formCount = 0;
        for (Form form : forms) {
            if (form.assessmentId() == null) {
                lines.add(SummaryParts.line(form.code(), form.name(), form.kind(), null, 0, 0, 0, 0, 0));
                continue;
            }
            formCount++;
            List<Item> items = itemsByVersion.getOrDefault(form.version(), List.of());
            int expected = !form.hasSystem() ? 0 : expectedPerVersionAndKind.computeIfAbsent(form.version() + "|" + form.kind(),
                    k -> (int) items.stream().filter(item -> item.expectedOf(form.kind())).count());
            String answers = form.answers() == null ? "" : form.answers();
            NoTargets targets = new NoTargets(form.noTargets());
            int yes = 0;
            int no = 0;
            int notApplicable = 0;
            int late = 0;
            for (int i = 0; i < Math.min(items.size(), answers.length()); i++) {
                char answer = answers.charAt(i);
                switch (answer) {
                    case 'y' -> yes++;
                    case 'n' -> no++;
                    case 'a' -> notApplicable++;
                    default -> {
                        continue; // unanswered: not counted for the item either
                    }
                }
                Item item = items.get(i);
                int[] counts = perItem.computeIfAbsent(item, k -> new int[2]);
                counts[0]++;
                if (answer == 'n') {
                    counts[1]++;
                    String target = targets.at(i);
                    if (!target.isEmpty() && target.compareTo(today) < 0) {
                        late++;
                        overdue.add(new SummaryParts.OverdueAnswer(form.code(), item.requirementId(), item.number(), target,
                                item.position()));
                    }
                }
            }
            lines.add(SummaryParts.line(form.code(), form.name(), form.kind(), form.assessmentId(), expected, yes, no,
                    notApplicable, late));
        }
        List<SummaryParts.ItemCount> items = new ArrayList<>(perItem.size());
        perItem.forEach((item, counts) -> items.add(new SummaryParts.ItemCount(item.requirementId(), item.number(),
                item.textJa(), item.position(), counts[1], counts[0])));
        return new SummaryParts(lines, items, formCount, overdue);
    }

    /**
     * Every facility in scope with its own form of the year if it has one (a line per form), in no particular order.
     * The lines are sorted in Java afterwards (a few milliseconds for 10,000); sorting here took PostgreSQL 15 to 20 ms
     * more, as much as the rest of the query.
     */
    private static List<Form> forms(Connection c, SummaryQueries.Scope scope, String scopeValue, int fiscalYear, Instant at)
            throws SQLException {
        Timestamp t = Timestamp.from(at);
        List<Form> forms = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT f.code, f.name, f.kind, f.has_system, a.id::text, a.framework_id || ':' || a.version, a.current_answers,
                       a.current_no_targets
                FROM facility f
                LEFT JOIN assessment a ON a.facility_code = f.code AND a.vendor_id IS NULL AND a.fiscal_year = ? AND a.opened_at <= ?
                WHERE %s AND f.registered_at <= ?""".formatted(scope.filter))) {
            Object[] parameters = { fiscalYear, t, scopeValue, t, t, t };
            Parameters.bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    forms.add(new Form(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8)));
                }
            }
        }
        return forms;
    }

    /** The items of the form versions in play, per "framework:version", in the order of {@code current_answers}. */
    private static Map<String, List<Item>> items(Connection c, List<Form> forms) throws SQLException {
        Set<String> versions = new LinkedHashSet<>();
        String last = null; // forms of one network are mostly of one version: hash only when it changes
        for (Form form : forms) {
            if (form.version() != null && !form.version().equals(last)) {
                versions.add(form.version());
                last = form.version();
            }
        }
        Map<String, List<Item>> items = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT framework_id || ':' || version, requirement_id, number, text_ja, position, facility_kinds FROM catalogue_item
                WHERE kind = 'item' AND framework_id || ':' || version = ANY (?)
                ORDER BY framework_id, version, position, requirement_id""")) {
            s.setArray(1, c.createArrayOf("text", versions.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Array kinds = r.getArray(6);
                    items.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Item(r.getString(2), r.getString(3),
                            r.getString(4), r.getInt(5), Set.of((String[]) kinds.getArray())));
                }
            }
        }
        return items;
    }
}
