package jp.anzen.assessment.answers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jp.anzen.assessment.catalogue.CatalogueReplica.Coverage;

/**
 * An assessment as served: the facility's own answers, and apart from them what the service profiles it
 * declared say the providers fulfil ({@code inherited}) or share with it.
 */
public record AssessmentView(@JsonUnwrapped Assessment assessment, List<Coverage> inherited) {

    /** The assessment with what the facility's declared services cover of its form. */
    public static AssessmentView of(jp.anzen.assessment.facility.Facility facility, Assessment assessment,
            jp.anzen.assessment.catalogue.CatalogueReplica catalogue) {
        List<String[]> profiles = facility.services().stream().map(s -> new String[] { s.profileId(), s.version() }).toList();
        return new AssessmentView(assessment, profiles.isEmpty() ? List.of()
                : catalogue.coverage(profiles, assessment.frameworkId(), assessment.version()));
    }
}
