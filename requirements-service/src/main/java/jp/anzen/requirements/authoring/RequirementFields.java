package jp.anzen.requirements.authoring;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.anzen.requirements.importing.VersionBundle.RequirementPart;

/** The fields of an item as the API names them, and the few changes an edit makes to an item itself. */
final class RequirementFields {

    static final List<String> NAMES = Arrays.stream(RequirementPart.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).filter(n -> !"key".equals(n)).toList();

    private static final Pattern SNAKE = Pattern.compile("_([a-z])");

    private RequirementFields() {
    }

    /** A bundle's pointer ({@code /item/text_ja}) as the edit API spells it ({@code /item/textJa}). */
    static String camel(String pointer) {
        Matcher m = SNAKE.matcher(pointer);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        return m.appendTail(out).toString();
    }

    static RequirementPart withFacilityKinds(RequirementPart r, List<String> kinds) {
        return new RequirementPart(r.key(), r.parent(), r.kind(), r.number(), r.textJa(), r.textEn(), r.target(),
                r.obligation(), r.requiredFrom(), r.deadline(), kinds, r.guidelineRefs(), r.confidence(), r.wording(),
                r.sourceUrls(), r.notes(), r.goal());
    }
}
