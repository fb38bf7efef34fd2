package jp.anzen.requirements.authoring;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.anzen.requirements.importing.VersionBundle.RequirementPart;

/**
 * One change an editor makes to a draft edition, recorded as given. {@code op} is one of:
 * <ul>
 * <li>{@code amend}: {@code key}, {@code changes} (the fields to change; null clears one), {@code substantive} (whether
 * the meaning changed; by default when the Japanese text, the target, the kind or the obligation change);</li>
 * <li>{@code add}: {@code item}, placed {@code after} an item's key (else at the end of its parent);</li>
 * <li>{@code remove}: {@code key};</li>
 * <li>{@code merge}: {@code keys} (two or more) {@code into} one item (its key may be one of them);</li>
 * <li>{@code split}: {@code key} {@code into} two or more items;</li>
 * <li>{@code include-form}: another published {@code form} answered by other facility kinds is merged in: its items
 * map to the draft's items of the same key, whose facility kinds grow by the form's.</li>
 * </ul>
 * Items are written as in a catalogue bundle, in the API's camelCase. Every edit says why ({@code reason}); the
 * edition mapping is derived from the edits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Edit(String op, String key, List<String> keys, ObjectNode changes, Boolean substantive,
        RequirementPart item, List<RequirementPart> into, String after, NewEdition.VersionRef form, String reason) {

    public static final List<String> OPS = List.of("amend", "add", "remove", "merge", "split", "include-form");
}
