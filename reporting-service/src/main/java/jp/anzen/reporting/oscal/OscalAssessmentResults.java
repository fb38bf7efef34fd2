package jp.anzen.reporting.oscal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.anzen.reporting.deadletter.Staleness;

import jp.anzen.reporting.readiness.ReadinessQueries;

/**
 * An assessment as OSCAL 1.1 assessment-results (JSON): one result; a finding per applicable item whose
 * target is the item's control in the catalogue's OSCAL export ({@code r-<key>}): {@code satisfied} for yes,
 * {@code not-satisfied} for no (with its target date) and for unanswered items; an observation per answer
 * with its evidence (URI, SHA-256) and, where evidence expires, the observation's {@code expires}.
 * Items answered "not applicable" are excluded from the reviewed controls rather than reported as a finding.
 */
final class OscalAssessmentResults {

    static final String NS = "https://github.com/anzen-jp/anzen/ns/oscal";
    private static final String OSCAL_VERSION = "1.1.2";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OscalAssessmentResults() {
    }

    static ObjectNode write(String facilityCode, String facilityName, ReadinessQueries.FormIdentity form, List<AssessedItem> items,
            Instant asOf, Staleness.Stale stale) {
        ObjectNode results = JSON.createObjectNode();
        results.put("uuid", UUID.randomUUID().toString());
        ObjectNode metadata = results.putObject("metadata");
        metadata.put("title", facilityName + " (" + facilityCode + ") " + (form.titleJa() == null ? form.frameworkId()
                : form.titleJa()) + " FY" + form.fiscalYear());
        metadata.put("last-modified", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("version", asOf.truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("oscal-version", OSCAL_VERSION);
        ArrayNode metadataProps = metadata.putArray("props");
        prop(metadataProps, "facility-code", facilityCode);
        prop(metadataProps, "assessment-id", form.assessmentId());
        prop(metadataProps, "framework-id", form.frameworkId());
        prop(metadataProps, "framework-version", form.version());
        if (form.vendorId() != null) {
            prop(metadataProps, "vendor-id", form.vendorId());
        }
        List<String> remarks = new java.util.ArrayList<>();
        if (form.provisional() != null) {
            prop(metadataProps, "provisional-edition", "true");
            remarks.add(form.provisional().line());
        }
        if (stale != null) {
            // the results may miss answers: said where every OSCAL reader looks, and when it began
            prop(metadataProps, "stale-since", stale.since().truncatedTo(ChronoUnit.SECONDS).toString());
            remarks.add(stale.line());
        }
        if (!remarks.isEmpty()) {
            metadata.put("remarks", String.join("\n", remarks));
        }
        // the form's controls come from the catalogue's OSCAL export; there is no separate assessment plan
        results.putObject("import-ap").put("href", "/api/catalogue/frameworks/" + form.frameworkId() + "/versions/"
                + form.version() + "/oscal");

        ObjectNode result = results.putArray("results").addObject();
        result.put("uuid", UUID.randomUUID().toString());
        result.put("title", "Self-assessment as of " + asOf.atZone(JAPAN).toLocalDate());
        result.put("description", "Answers recorded in Anzen for " + form.frameworkId() + " " + form.version()
                + ", as they stood at " + asOf.truncatedTo(ChronoUnit.SECONDS) + ".");
        result.put("start", items.stream().filter(i -> i.answer() != null).map(i -> i.answer().recordedAt()).min(Instant::compareTo)
                .orElse(asOf).truncatedTo(ChronoUnit.SECONDS).toString());
        result.put("end", asOf.truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode selection = result.putObject("reviewed-controls").putArray("control-selections").addObject();
        selection.putObject("include-all");
        ArrayNode excluded = JSON.createArrayNode();
        ArrayNode observations = JSON.createArrayNode();
        ArrayNode findings = JSON.createArrayNode();
        for (AssessedItem item : items) {
            String controlId = "r-" + item.key();
            if (item.answer() != null && "not-applicable".equals(item.answer().value())) {
                excluded.addObject().put("control-id", controlId);
                continue;
            }
            ObjectNode finding = findings.addObject();
            finding.put("uuid", UUID.randomUUID().toString());
            finding.put("title", (item.number() == null ? "" : item.number() + " ") + item.textJa());
            finding.put("description", item.textJa());
            ObjectNode target = finding.putObject("target");
            target.put("type", "objective-id");
            target.put("target-id", controlId);
            ObjectNode status = target.putObject("status");
            if (item.answer() == null) {
                status.put("state", "not-satisfied");
                status.put("reason", "other");
                status.put("remarks", "Not answered as of " + asOf.truncatedTo(ChronoUnit.SECONDS) + ".");
                continue;
            }
            AssessedItem.Answer answer = item.answer();
            boolean yes = "yes".equals(answer.value());
            status.put("state", yes ? "satisfied" : "not-satisfied");
            status.put("reason", yes ? "pass" : "fail");
            ArrayNode findingProps = finding.putArray("props");
            prop(findingProps, "answer", answer.value());
            prop(findingProps, "round", Integer.toString(answer.round()));
            if (answer.targetDate() != null) {
                prop(findingProps, "target-date", answer.targetDate().toString());
            }
            String observationUuid = UUID.randomUUID().toString();
            observations.add(observation(observationUuid, item, answer));
            finding.putArray("related-observations").addObject().put("observation-uuid", observationUuid);
        }
        if (!excluded.isEmpty()) {
            selection.set("exclude-controls", excluded);
        }
        if (!observations.isEmpty()) {
            result.set("observations", observations);
        }
        if (!findings.isEmpty()) {
            result.set("findings", findings);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("assessment-results", results);
        return root;
    }

    private static ObjectNode observation(String uuid, AssessedItem item, AssessedItem.Answer answer) {
        ObjectNode observation = JSON.createObjectNode();
        observation.put("uuid", uuid);
        observation.put("title", (item.number() == null ? "" : item.number() + " ") + answer.value());
        observation.put("description", "Confirmed on " + answer.confirmedOn() + " in round " + answer.round()
                + (answer.note() == null ? "." : ": " + answer.note()));
        JsonNode evidence = answer.evidence();
        observation.putArray("methods").add(evidence.isEmpty() ? "INTERVIEW" : "EXAMINE");
        observation.put("collected", answer.recordedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        LocalDate expires = null;
        if (!evidence.isEmpty()) {
            ArrayNode relevant = observation.putArray("relevant-evidence");
            for (JsonNode e : evidence) {
                ObjectNode ref = relevant.addObject();
                ref.put("href", e.path("uri").asText());
                ref.put("description", "SHA-256 " + e.path("sha256").asText()
                        + (e.hasNonNull("expiresOn") ? ", valid until " + e.get("expiresOn").asText() : ""));
                ArrayNode props = ref.putArray("props");
                prop(props, "sha256", e.path("sha256").asText());
                if (e.hasNonNull("expiresOn")) {
                    LocalDate on = LocalDate.parse(e.get("expiresOn").asText());
                    prop(props, "expires-on", on.toString());
                    expires = expires == null || on.isBefore(expires) ? on : expires;
                }
            }
        }
        if (expires != null) {
            // the observation holds only while all of its evidence does
            observation.put("expires", expires.atStartOfDay(JAPAN).toInstant().toString());
        }
        return observation;
    }

    private static void prop(ArrayNode props, String name, String value) {
        props.addObject().put("name", name).put("ns", NS).put("value", value);
    }
}
