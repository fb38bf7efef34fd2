package jp.anzen.assessment.answers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jp.anzen.assessment.catalogue.CatalogueReplica.Coverage;

/**
 * An assessment as served: the facility's own answers, and apart from them what the service profiles it
 * declared say the providers fulfil ({@code inherited}) or share with it.
 */
public record AssessmentView(@JsonUnwrapped Assessment assessment, List<Coverage> inherited) {
}
