package jp.anzen.requirements.mapping;

/** One relation between two requirements (either side absent for added / removed items). */
public record Mapping(String setId, String kind, String fromRequirement, String toRequirement, String relation,
        String note) {
}
