package jp.anzen.requirements.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jp.anzen.requirements.catalogue.Requirement;

/** A requirement with its children, as the version's tree is served. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RequirementNode(@JsonUnwrapped Requirement requirement, List<RequirementNode> children) {

    /** Builds the forest from requirements ordered by position. */
    public static List<RequirementNode> tree(List<Requirement> requirements) {
        Map<String, RequirementNode> byId = new LinkedHashMap<>();
        List<RequirementNode> roots = new ArrayList<>();
        for (Requirement r : requirements) {
            byId.put(r.id(), new RequirementNode(r, new ArrayList<>()));
        }
        for (RequirementNode node : byId.values()) {
            String parent = node.requirement().parentId();
            (parent == null ? roots : byId.get(parent).children()).add(node);
        }
        return roots;
    }
}
