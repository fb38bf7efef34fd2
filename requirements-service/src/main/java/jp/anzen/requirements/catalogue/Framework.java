package jp.anzen.requirements.catalogue;

import java.util.List;

/** A catalogue such as the MHLW guideline or one form of the yearly checklist, with its versions. */
public record Framework(String id, String kind, String titleJa, String titleEn, String publisher,
        List<FrameworkVersion> versions) {
}
