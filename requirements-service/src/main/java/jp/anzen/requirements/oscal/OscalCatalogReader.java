package jp.anzen.requirements.oscal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.importing.InvalidBundleException;
import jp.anzen.requirements.importing.VersionBundle;
import jp.anzen.requirements.importing.VersionBundle.RequirementPart;

/**
 * Reads an OSCAL 1.1 catalog (JSON) as a version bundle. Catalogs written by {@link OscalCatalogWriter}
 * come back exactly; other catalogs import too, their groups as groups and their controls as items, with
 * confidence "unverified" unless they say otherwise (they then go through the same validation).
 */
public final class OscalCatalogReader {

    private OscalCatalogReader() {
    }

    public static VersionBundle read(JsonNode document) {
        JsonNode catalog = document.path("catalog");
        JsonNode metadata = catalog.path("metadata");
        if (!catalog.isObject() || !metadata.isObject()) {
            throw new InvalidBundleException("Not an OSCAL catalog",
                    List.of(new BundleError("/catalog/metadata", "an OSCAL catalog has catalog.metadata")));
        }
        JsonNode props = metadata.path("props");
        var framework = new VersionBundle.FrameworkPart(prop(props, "framework-id"),
                orElse(prop(props, "framework-kind"), "checklist"), orElse(prop(props, "framework-title-ja"), text(metadata, "title")),
                orElse(prop(props, "framework-title-en"), text(metadata, "title")), orElse(prop(props, "publisher"), "unknown"));
        String fiscalYear = prop(props, "fiscal-year");
        var version = new VersionBundle.VersionPart(text(metadata, "version"),
                fiscalYear == null ? null : Integer.valueOf(fiscalYear),
                orElse(prop(props, "version-title-ja"), text(metadata, "version")),
                orElse(prop(props, "version-title-en"), text(metadata, "version")), prop(props, "released"), links(metadata),
                prop(props, "version-notes"), "true".equals(prop(props, "provisional")) ? text(metadata, "remarks") : null);
        List<Positioned> requirements = new ArrayList<>();
        walk(catalog.path("groups"), null, true, requirements);
        walk(catalog.path("controls"), null, false, requirements);
        requirements.sort(Comparator.comparingInt(Positioned::position));
        return new VersionBundle(VersionBundle.FORMAT, framework, version,
                requirements.stream().map(Positioned::requirement).toList());
    }

    private record Positioned(int position, RequirementPart requirement) {
    }

    private static void walk(JsonNode nodes, String parent, boolean groups, List<Positioned> into) {
        for (JsonNode node : nodes) {
            String id = text(node, "id");
            String key = id != null && id.startsWith(OscalCatalogWriter.ID_PREFIX) ? id.substring(OscalCatalogWriter.ID_PREFIX.length()) : id;
            JsonNode props = node.path("props");
            String kind = orElse(text(node, "class"), groups ? "group" : "item");
            String requiredFrom = prop(props, "required-from");
            String position = prop(props, "position");
            var requirement = new RequirementPart(key, parent, kind, label(props), statement(node), prop(props, "text-en"),
                    prop(props, "target"), prop(props, "obligation"), requiredFrom == null ? null : Integer.valueOf(requiredFrom),
                    date(prop(props, "deadline")), props(props, "facility-kind"), props(props, "guideline-ref"),
                    orElse(prop(props, "confidence"), "unverified"), prop(props, "wording"), links(node), prop(props, "notes"),
                    jp.anzen.requirements.catalogue.Requirement.Goal.of(date(prop(props, "goal-by")),
                            prop(props, "goal-condition-ja"), prop(props, "goal-condition-en")));
            into.add(new Positioned(position == null ? into.size() : Integer.parseInt(position), requirement));
            walk(node.path("groups"), key, true, into);
            walk(node.path("controls"), key, false, into);
        }
    }

    private static String statement(JsonNode node) {
        for (JsonNode part : node.path("parts")) {
            if ("statement".equals(text(part, "name")) || "overview".equals(text(part, "name"))) {
                return text(part, "prose");
            }
        }
        return text(node, "title");
    }

    private static String label(JsonNode props) {
        for (JsonNode p : props) {
            if ("label".equals(text(p, "name")) && !p.has("ns")) {
                return text(p, "value");
            }
        }
        return null;
    }

    private static String prop(JsonNode props, String name) {
        List<String> values = props(props, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> props(JsonNode props, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode p : props) {
            if (name.equals(text(p, "name")) && OscalCatalogWriter.NS.equals(text(p, "ns"))) {
                values.add(text(p, "value"));
            }
        }
        return values;
    }

    private static List<String> links(JsonNode node) {
        List<String> urls = new ArrayList<>();
        node.path("links").forEach(link -> urls.add(text(link, "href")));
        return urls;
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
