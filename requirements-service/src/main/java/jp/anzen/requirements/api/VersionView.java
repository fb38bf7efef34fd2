package jp.anzen.requirements.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jp.anzen.requirements.catalogue.FrameworkVersion;

/** A framework version with its requirement tree. */
public record VersionView(@JsonUnwrapped FrameworkVersion version, int itemCount, List<RequirementNode> requirements) {
}
