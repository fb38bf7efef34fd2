package jp.anzen.stack.security;

import static jp.anzen.stack.security.Operation.allBut;
import static jp.anzen.stack.security.Operation.none;

import java.util.List;
import java.util.Set;


/**
 * Every operation of the public API with the callers that must be refused when its path names the other
 * tenant (facility 2710000099 in Osaka, network net-other, an export and a rebuild that are not theirs).
 * {@link SecurityIT} checks that this list and the OpenAPI documents name exactly the same operations, so a
 * new endpoint fails the suite until it is placed here.
 */
final class OperationMatrix {

    /** Reads of one facility's data: only those who see every facility. */
    private static final Set<Caller> FACILITY_READ = allBut(Caller.ADMIN, Caller.OPS);
    /** Changes to one facility's data. */
    private static final Set<Caller> FACILITY_WRITE = allBut(Caller.ADMIN);
    private static final Set<Caller> CATALOGUE_WRITE = allBut(Caller.ADMIN, Caller.EDITOR);
    private static final Set<Caller> ONLY_ADMIN = allBut(Caller.ADMIN);

    private static final String ANSWERS = """
            {"answers":[{"requirementId":"mhlw-checklist-institution:2025:1-1","round":1,"value":"yes","confirmedOn":"2025-06-02"}]}""";
    private static final String PUSH = """
            {"facilities":[{"facilityCode":"2710000099","frameworkId":"mhlw-checklist-vendor","version":"2025","fiscalYear":2025,
             "answers":[{"requirementId":"mhlw-checklist-vendor:2025:2-7","round":1,"value":"yes","confirmedOn":"2025-07-01"}]}]}""";

    private OperationMatrix() {
    }

    static final List<Operation> OPERATIONS = List.of(
            // the catalogue is the same for everyone who signs in; changing it is for editors
            Operation.of("GET", "/api/catalogue/frameworks", none()),
            Operation.of("GET", "/api/catalogue/frameworks/{frameworkId}/diff", none()),
            Operation.of("GET", "/api/catalogue/frameworks/{frameworkId}/versions/{version}", none()),
            Operation.of("GET", "/api/catalogue/frameworks/{frameworkId}/versions/{version}/oscal", none()),
            Operation.of("GET", "/api/catalogue/frameworks/{frameworkId}/versions/{version}/requirements", none()),
            Operation.of("GET", "/api/catalogue/mapping-sets/{id}", none()),
            Operation.of("GET", "/api/catalogue/mappings", none()),
            Operation.of("GET", "/api/catalogue/requirements/{requirementId}", none()),
            Operation.of("GET", "/api/catalogue/schemas/anzen-catalogue-bundle-1", none()),
            Operation.of("GET", "/api/catalogue/service-profiles", none()),
            Operation.of("GET", "/api/catalogue/service-profiles/{id}/versions/{version}", none()),
            Operation.of("POST", "/api/catalogue/frameworks/{frameworkId}/versions/{version}/publish", CATALOGUE_WRITE),
            // authoring an edition: the edits of a draft are the editors' working history
            Operation.of("POST", "/api/catalogue/frameworks/{frameworkId}/versions", CATALOGUE_WRITE).withBody("{}"),
            Operation.of("GET", "/api/catalogue/frameworks/{frameworkId}/versions/{version}/edits", CATALOGUE_WRITE),
            Operation.of("POST", "/api/catalogue/frameworks/{frameworkId}/versions/{version}/edits", CATALOGUE_WRITE)
                    .withBody("{}"),
            Operation.of("GET", "/api/catalogue/frameworks/{frameworkId}/versions/{version}/derived-mappings", CATALOGUE_WRITE),
            Operation.of("POST", "/api/catalogue/imports", CATALOGUE_WRITE).withBody("{}"),
            Operation.of("POST", "/api/catalogue/mapping-sets/{id}/publish", CATALOGUE_WRITE),
            Operation.of("POST", "/api/catalogue/service-profiles", CATALOGUE_WRITE).withBody("{}"),
            Operation.of("POST", "/api/catalogue/service-profiles/{id}/versions/{version}/publish", CATALOGUE_WRITE),
            // facilities: the listing is scoped (checked apart); everything else names the other facility
            Operation.of("GET", "/api/facilities", none()),
            Operation.of("POST", "/api/facilities", FACILITY_WRITE).withBody("""
                    {"code":"2710000100","name":"別の病院","kind":"hospital","prefecture":"27","beds":20,
                     "hasMedicalInformationSystem":true,"networkId":"net-other"}"""),
            Operation.of("GET", "/api/facilities/{code}", FACILITY_READ),
            Operation.of("GET", "/api/facilities/{code}/history", FACILITY_READ),
            Operation.of("POST", "/api/facilities/{code}/assessments", FACILITY_WRITE)
                    .withBody("{\"frameworkId\":\"mhlw-checklist-institution\",\"version\":\"2025\",\"fiscalYear\":2025}"),
            Operation.of("GET", "/api/facilities/{code}/assessments/{id}", FACILITY_READ),
            Operation.of("PUT", "/api/facilities/{code}/assessments/{id}/answers", FACILITY_WRITE).withBody(ANSWERS),
            Operation.of("GET", "/api/facilities/{code}/assessments/{id}/workbook", FACILITY_READ),
            Operation.of("PUT", "/api/facilities/{code}/assessments/{id}/workbook", FACILITY_WRITE).withBody("{}"),
            Operation.of("POST", "/api/facilities/{code}/assessments/{id}/rounds/{round}/reopen", FACILITY_WRITE)
                    .withBody("{\"reason\":\"a correction\"}"),
            Operation.of("POST", "/api/facilities/{code}/assessments/{id}/rounds/{round}/sign-off", FACILITY_WRITE),
            Operation.of("POST", "/api/facilities/{code}/networks/{networkId}", FACILITY_WRITE),
            Operation.of("DELETE", "/api/facilities/{code}/networks/{networkId}", FACILITY_WRITE),
            Operation.of("PUT", "/api/facilities/{code}/services", FACILITY_WRITE)
                    .withBody("{\"services\":[{\"profileId\":\"example-cloud-ehr\",\"version\":\"1\"}]}"),
            Operation.of("POST", "/api/facilities/{code}/vendor-contracts/{vendorId}", FACILITY_WRITE)
                    .withBody("{\"systems\":[\"レセコン\"]}"),
            Operation.of("DELETE", "/api/facilities/{code}/vendor-contracts/{vendorId}", FACILITY_WRITE),
            // vendor pushes: only vendor systems (what a vendor may push for is checked apart)
            Operation.of("POST", "/api/vendor/answers", allBut(Caller.VENDOR, Caller.OTHER_VENDOR)).withBody(PUSH),
            // reports
            Operation.of("GET", "/api/reports/admin/dead-letters", ONLY_ADMIN),
            Operation.of("GET", "/api/reports/admin/dead-letters/{id}", ONLY_ADMIN),
            Operation.of("POST", "/api/reports/admin/dead-letters/{id}/replay", ONLY_ADMIN),
            Operation.of("POST", "/api/reports/admin/dead-letters/{id}/dismiss", ONLY_ADMIN).withBody("{\"note\":\"probe\"}"),
            Operation.of("POST", "/api/reports/admin/rebuilds", ONLY_ADMIN),
            Operation.of("GET", "/api/reports/admin/rebuilds/{id}", ONLY_ADMIN),
            Operation.of("GET", "/api/reports/exports/{exportId}", ONLY_ADMIN),
            Operation.of("GET", "/api/reports/exports/{exportId}/content", ONLY_ADMIN),
            Operation.of("GET", "/api/reports/facilities/{code}/assessments/{assessmentId}/oscal", FACILITY_READ),
            Operation.of("GET", "/api/reports/facilities/{code}/inspection-form", FACILITY_READ),
            Operation.of("GET", "/api/reports/facilities/{code}/readiness", FACILITY_READ),
            Operation.of("GET", "/api/reports/networks/{networkId}/summary", FACILITY_READ),
            Operation.of("POST", "/api/reports/networks/{networkId}/summary/exports", FACILITY_READ),
            Operation.of("GET", "/api/reports/prefectures/{code}/summary", FACILITY_READ),
            Operation.of("POST", "/api/reports/prefectures/{code}/summary/exports", FACILITY_READ),
            // coverage across facilities: operations, administrators, and inspectors (their own prefecture)
            Operation.of("GET", "/api/reports/requirements/{requirementId}/coverage",
                    allBut(Caller.ADMIN, Caller.OPS, Caller.INSPECTOR)));
}
