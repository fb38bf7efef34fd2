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
    /** The same bounds as the published schema (schemas/anzen-catalogue-bundle-1.schema.json). */
    static final int MAX_KEY = 100;
    static final int MAX_TEXT = 10_000;
    static final int MAX_URL = 2000;
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

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
            pattern(errors, "/version/version", bundle.version().version(), "[0-9A-Za-z][0-9A-Za-z.-]{0,39}");
            text(errors, "/version/title_ja", bundle.version().titleJa());
            text(errors, "/version/title_en", bundle.version().titleEn());
            year(errors, "/version/fiscal_year", bundle.version().fiscalYear());
            urls(errors, "/version/source_urls", bundle.version().sourceUrls());
            String provisional = bundle.version().provisionalReason();
            if (provisional != null && (provisional.isBlank() || provisional.length() > 2000)) {
                errors.add(new BundleError("/version/provisional_reason", "1 to 2000 characters: why the edition is provisional"));
            }
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
            requirement(errors, at, r);
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

    /** A requirement key: letters, digits, dots and hyphens, at most {@value #MAX_KEY} characters. */
    public static boolean key(List<BundleError> errors, String pointer, String key) {
        return pattern(errors, pointer, key, KEY);
    }

    /** The rules of one requirement on its own (keys, parents and duplicates are the caller's), errors under {@code at}. */
    public static void requirement(List<BundleError> errors, String at, RequirementPart r) {
        oneOf(errors, at + "/kind", r.kind(), KINDS, true);
        text(errors, at + "/text_ja", r.textJa());
        if (r.parent() != null && r.parent().length() > MAX_KEY) {
            errors.add(new BundleError(at + "/parent", "at most " + MAX_KEY + " characters"));
        }
        year(errors, at + "/required_from", r.requiredFrom());
        if (r.deadline() != null && (r.deadline().getYear() < FIRST_YEAR || r.deadline().getYear() > LAST_YEAR)) {
            errors.add(new BundleError(at + "/deadline", "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR));
        }
        urls(errors, at + "/source_urls", r.sourceUrls());
        if (r.goal() != null) {
            if (r.goal().by() != null && (r.goal().by().getYear() < FIRST_YEAR || r.goal().by().getYear() > LAST_YEAR)) {
                errors.add(new BundleError(at + "/goal/by", "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR));
            }
            if (r.goal().by() == null && r.goal().conditionJa() == null && r.goal().conditionEn() == null) {
                errors.add(new BundleError(at + "/goal", "give the date aimed for (by), the condition, or both; or leave goal out"));
            }
            for (String[] text : new String[][] { { "condition_ja", r.goal().conditionJa() }, { "condition_en", r.goal().conditionEn() } }) {
                if (text[1] != null && (text[1].isBlank() || text[1].length() > MAX_TEXT)) {
                    errors.add(new BundleError(at + "/goal/" + text[0], "1 to " + MAX_TEXT + " characters"));
                }
            }
        }
        oneOf(errors, at + "/target", r.target(), TARGETS, false);
        oneOf(errors, at + "/obligation", r.obligation(), OBLIGATIONS, false);
        oneOf(errors, at + "/confidence", r.confidence(), CONFIDENCE, true);
        oneOf(errors, at + "/wording", r.wording(), WORDING, false);
        List<String> kinds = r.facilityKinds() == null ? List.of() : r.facilityKinds();
        for (int k = 0; k < kinds.size(); k++) {
            oneOf(errors, at + "/facility_kinds/" + k, kinds.get(k), FACILITY_KINDS, true);
        }
    }

    private static void text(List<BundleError> errors, String pointer, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new BundleError(pointer, "is required and must not be blank"));
        } else if (value.length() > MAX_TEXT) {
            errors.add(new BundleError(pointer, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void year(List<BundleError> errors, String pointer, Integer year) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            errors.add(new BundleError(pointer, "a year from " + FIRST_YEAR + " to " + LAST_YEAR));
        }
    }

    /** Source links: each an http(s) or urn: URI of at most 2000 characters. */
    public static void urls(List<BundleError> errors, String pointer, List<String> urls) {
        if (urls == null) {
            return;
        }
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            if (url == null || url.length() > MAX_URL || !url.matches("(https?://|urn:)\\S+")) {
                errors.add(new BundleError(pointer + "/" + i, "an http(s) or urn: URI of at most " + MAX_URL + " characters"));
            }
        }
    }

    private static boolean pattern(List<BundleError> errors, String pointer, String value, String regex) {
        if (value == null || value.length() > MAX_KEY || !value.matches(regex)) {
            errors.add(new BundleError(pointer, value == null ? "is required"
                    : "'" + shown(value) + "' must match " + regex + " (at most " + MAX_KEY + " characters)"));
            return false;
        }
        return true;
    }

    /** A value as an error may repeat it: the start of a long one. */
    private static String shown(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private static void oneOf(List<BundleError> errors, String pointer, String value, Set<String> allowed, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new BundleError(pointer, "is required; one of " + new java.util.TreeSet<>(allowed)));
            }
        } else if (!allowed.contains(value)) {
            errors.add(new BundleError(pointer, "unknown value '" + shown(value) + "'; one of " + new java.util.TreeSet<>(allowed)));
        }
    }
}
