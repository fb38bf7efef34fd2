package jp.anzen.requirements.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jp.anzen.requirements.importing.VersionBundle.RequirementPart;

/** Checks a whole bundle and reports every error at once, so an editor fixes them in one round. */
public final class BundleValidator {

    public static final Set<String> FRAMEWORK_KINDS = Set.of("guideline", "checklist", "profile");
    public static final Set<String> KINDS = Set.of("group", "item", "pre-question", "section");
    public static final Set<String> TARGETS = Set.of("all-systems", "server", "client-pc", "network-device");
    public static final Set<String> FACILITY_KINDS = Set.of("hospital", "clinic", "dental-clinic", "pharmacy",
            "midwifery-home");
    public static final Set<String> OBLIGATIONS = Set.of("required", "reference");
    public static final Set<String> CONFIDENCE = Set.of("verified", "verified-draft", "secondary", "unverified");
    public static final Set<String> WORDING = Set.of("official", "truncated", "not-seen", "derived");
    private static final String ID_PART = "[a-z0-9][a-z0-9-]*";
    public static final String KEY = "[A-Za-z0-9][A-Za-z0-9.-]*";

    private BundleValidator() {
    }

    public static List<BundleError> validate(VersionBundle bundle) {
        List<BundleError> errors = new ArrayList<>();
        if (!VersionBundle.FORMAT.equals(bundle.format())) {
            errors.add(new BundleError("/format", "must be " + VersionBundle.FORMAT));
        }
        if (bundle.framework() == null) {
            errors.add(new BundleError("/framework", "is missing"));
        } else {
            var f = bundle.framework();
            pattern(errors, "/framework/id", f.id(), ID_PART);
            oneOf(errors, "/framework/kind", f.kind(), FRAMEWORK_KINDS, true);
            text(errors, "/framework/title_ja", f.titleJa());
            text(errors, "/framework/title_en", f.titleEn());
            text(errors, "/framework/publisher", f.publisher());
        }
        if (bundle.version() == null) {
            errors.add(new BundleError("/version", "is missing"));
        } else {
            pattern(errors, "/version/version", bundle.version().version(), "[0-9A-Za-z][0-9A-Za-z.-]*");
            text(errors, "/version/title_ja", bundle.version().titleJa());
            text(errors, "/version/title_en", bundle.version().titleEn());
        }
        List<RequirementPart> requirements = bundle.requirements() == null ? List.of() : bundle.requirements();
        if (requirements.isEmpty()) {
            errors.add(new BundleError("/requirements", "must list at least one requirement"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < requirements.size(); i++) {
            String at = "/requirements/" + i;
            RequirementPart r = requirements.get(i);
            if (r == null) {
                errors.add(new BundleError(at, "is empty"));
                continue;
            }
            if (pattern(errors, at + "/key", r.key(), KEY) && !keys.add(r.key())) {
                errors.add(new BundleError(at + "/key", "duplicate key '" + r.key() + "'"));
            }
            oneOf(errors, at + "/kind", r.kind(), KINDS, true);
            text(errors, at + "/text_ja", r.textJa());
            oneOf(errors, at + "/target", r.target(), TARGETS, false);
            oneOf(errors, at + "/obligation", r.obligation(), OBLIGATIONS, false);
            oneOf(errors, at + "/confidence", r.confidence(), CONFIDENCE, true);
            oneOf(errors, at + "/wording", r.wording(), WORDING, false);
            List<String> kinds = r.facilityKinds() == null ? List.of() : r.facilityKinds();
            for (int k = 0; k < kinds.size(); k++) {
                oneOf(errors, at + "/facility_kinds/" + k, kinds.get(k), FACILITY_KINDS, true);
            }
        }
        // parents may come later in the list, so check them once every key is known
        for (int i = 0; i < requirements.size(); i++) {
            RequirementPart r = requirements.get(i);
            if (r != null && r.parent() != null) {
                if (!keys.contains(r.parent())) {
                    errors.add(new BundleError("/requirements/" + i + "/parent", "no requirement has the key '" + r.parent() + "'"));
                } else if (r.parent().equals(r.key())) {
                    errors.add(new BundleError("/requirements/" + i + "/parent", "a requirement cannot be its own parent"));
                }
            }
        }
        return errors;
    }

    private static void text(List<BundleError> errors, String pointer, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new BundleError(pointer, "is required and must not be blank"));
        }
    }

    private static boolean pattern(List<BundleError> errors, String pointer, String value, String regex) {
        if (value == null || !value.matches(regex)) {
            errors.add(new BundleError(pointer, value == null ? "is required" : "'" + value + "' must match " + regex));
            return false;
        }
        return true;
    }

    private static void oneOf(List<BundleError> errors, String pointer, String value, Set<String> allowed, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new BundleError(pointer, "is required; one of " + new java.util.TreeSet<>(allowed)));
            }
        } else if (!allowed.contains(value)) {
            errors.add(new BundleError(pointer, "unknown value '" + value + "'; one of " + new java.util.TreeSet<>(allowed)));
        }
    }
}
