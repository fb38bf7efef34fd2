package jp.anzen.requirements.oscal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.Requirement;

/**
 * A framework version as an OSCAL 1.1 catalog (JSON). Groups become OSCAL groups; items, the pre-question
 * and guideline sections become controls (sections nest). The official Japanese wording is the statement,
 * and every Anzen attribute is a prop in the {@link #NS} namespace, so that {@link OscalCatalogReader} gives
 * back the same requirements.
 */
public final class OscalCatalogWriter {

    public static final String NS = "https://github.com/anzen-jp/anzen/ns/oscal";
    public static final String OSCAL_VERSION = "1.1.2";
    /** OSCAL ids are tokens that may not start with a digit; requirement keys may. */
    static final String ID_PREFIX = "r-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OscalCatalogWriter() {
    }

    public static ObjectNode write(Framework framework, FrameworkVersion version, List<Requirement> requirements) {
        String prefix = Requirement.id(framework.id(), version.version(), "");
        Map<String, List<Requirement>> children = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r);
        }
        ObjectNode catalog = JSON.createObjectNode();
        // the same version always gets the same uuid (name-based), so re-exports compare equal
        catalog.put("uuid", nameBasedUuid(prefix).toString());
        catalog.set("metadata", metadata(framework, version));
        ArrayNode groups = JSON.createArrayNode();
        ArrayNode controls = JSON.createArrayNode();
        for (Requirement top : children.getOrDefault(null, List.of())) {
            (isGroup(top) ? groups : controls).add(node(top, prefix, children));
        }
        if (!groups.isEmpty()) {
            catalog.set("groups", groups);
        }
        if (!controls.isEmpty()) {
            catalog.set("controls", controls);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("catalog", catalog);
        return root;
    }

    private static ObjectNode metadata(Framework framework, FrameworkVersion version) {
        ObjectNode metadata = JSON.createObjectNode();
        // a provisional edition says so where every reader looks first: the title and the remarks
        metadata.put("title", framework.titleJa() + " " + version.titleJa() + (version.provisional() ? "（暫定版 provisional）" : ""));
        Instant modified = version.publishedAt() != null ? version.publishedAt() : Instant.EPOCH;
        metadata.put("last-modified", modified.truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("version", version.version());
        metadata.put("oscal-version", OSCAL_VERSION);
        ArrayNode props = JSON.createArrayNode();
        prop(props, "framework-id", framework.id());
        prop(props, "framework-kind", framework.kind());
        prop(props, "framework-title-ja", framework.titleJa());
        prop(props, "framework-title-en", framework.titleEn());
        prop(props, "publisher", framework.publisher());
        prop(props, "version-title-ja", version.titleJa());
        prop(props, "version-title-en", version.titleEn());
        prop(props, "status", version.status().code());
        if (version.fiscalYear() != null) {
            prop(props, "fiscal-year", version.fiscalYear().toString());
        }
        prop(props, "released", version.released());
        prop(props, "version-notes", version.notes());
        if (version.provisional()) {
            prop(props, "provisional", "true");
            metadata.put("remarks", version.provisionalReason());
        }
        if (version.provenance() != null) {
            prop(props, "based-on", version.provenance().basedOn());
            prop(props, "revision-of", version.provenance().revisionOf());
            prop(props, "revision-reason", version.provenance().revisionReason());
        }
        metadata.set("props", props);
        links(metadata, version.sourceUrls());
        return metadata;
    }

    private static ObjectNode node(Requirement r, String prefix, Map<String, List<Requirement>> children) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", ID_PREFIX + r.id().substring(prefix.length()));
        node.put("class", r.kind());
        node.put("title", r.number() == null ? r.textJa() : r.number() + " " + r.textJa());
        ArrayNode props = JSON.createArrayNode();
        if (r.number() != null) {
            props.add(JSON.createObjectNode().put("name", "label").put("value", r.number()));
        }
        prop(props, "text-en", r.textEn());
        prop(props, "target", r.target());
        prop(props, "obligation", r.obligation());
        prop(props, "required-from", r.requiredFrom() == null ? null : r.requiredFrom().toString());
        prop(props, "deadline", r.deadline() == null ? null : r.deadline().toString());
        if (r.goal() != null) {
            prop(props, "goal-by", r.goal().by() == null ? null : r.goal().by().toString());
            prop(props, "goal-condition-ja", r.goal().conditionJa());
            prop(props, "goal-condition-en", r.goal().conditionEn());
        }
        r.facilityKinds().forEach(kind -> prop(props, "facility-kind", kind));
        r.guidelineRefs().forEach(ref -> prop(props, "guideline-ref", ref));
        prop(props, "confidence", r.confidence());
        prop(props, "wording", r.wording());
        prop(props, "notes", r.notes());
        prop(props, "position", Integer.toString(r.position()));
        node.set("props", props);
        links(node, r.sourceUrls());
        ArrayNode parts = JSON.createArrayNode();
        parts.add(JSON.createObjectNode().put("id", ID_PREFIX + r.id().substring(prefix.length()) + "_smt")
                .put("name", isGroup(r) ? "overview" : "statement").put("prose", r.textJa()));
        node.set("parts", parts);
        ArrayNode subGroups = JSON.createArrayNode();
        ArrayNode subControls = JSON.createArrayNode();
        for (Requirement child : children.getOrDefault(r.id(), List.of())) {
            (isGroup(child) && isGroup(r) ? subGroups : subControls).add(node(child, prefix, children));
        }
        if (!subGroups.isEmpty()) {
            node.set("groups", subGroups);
        }
        if (!subControls.isEmpty()) {
            node.set("controls", subControls);
        }
        return node;
    }

    /** RFC 9562 version 5 (SHA-1, name-based): OSCAL accepts versions 4 and 5 only. */
    static UUID nameBasedUuid(String name) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-1").digest((NS + "#" + name).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isGroup(Requirement r) {
        return "group".equals(r.kind());
    }

    private static void prop(ArrayNode props, String name, String value) {
        if (value != null && !value.isBlank()) {
            props.add(JSON.createObjectNode().put("name", name).put("ns", NS).put("value", value));
        }
    }

    private static void links(ObjectNode node, List<String> urls) {
        if (!urls.isEmpty()) {
            ArrayNode links = JSON.createArrayNode();
            // OSCAL requires each link once
            urls.stream().distinct().forEach(url -> links.add(JSON.createObjectNode().put("href", url).put("rel", "reference")));
            node.set("links", links);
        }
    }
}
