package jp.anzen.requirements.oscal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

import gov.nist.secauto.metaschema.core.configuration.DefaultConfiguration;
import gov.nist.secauto.metaschema.core.model.validation.IValidationResult;
import gov.nist.secauto.oscal.lib.OscalBindingContext;
import gov.nist.secauto.oscal.lib.model.Catalog;

/**
 * Checks a catalog with NIST's OSCAL library: the JSON schema it ships, loading into its object model, and
 * its Metaschema constraints. Returns the problems found (empty when valid).
 */
final class OscalValidation {

    private static final Schema CATALOG_SCHEMA = loadSchema();

    private OscalValidation() {
    }

    static List<String> problems(Path catalogJson) throws Exception {
        try {
            CATALOG_SCHEMA.validate(new JSONObject(new JSONTokener(Files.readString(catalogJson))));
        } catch (ValidationException e) {
            return e.getAllMessages();
        }
        OscalBindingContext oscal = OscalBindingContext.instance();
        Catalog catalog = oscal.loadCatalog(catalogJson);
        if (catalog.getMetadata() == null) {
            return List.of("the OSCAL library read no metadata");
        }
        IValidationResult result = oscal.validateWithConstraints(catalogJson.toUri(), new DefaultConfiguration<>());
        return result.getFindings().stream()
                .filter(f -> f.getSeverity().ordinal() >= gov.nist.secauto.metaschema.core.model.constraint.IConstraint.Level.ERROR.ordinal())
                .map(f -> f.getSeverity() + " " + f.getMessage() + " at " + f.getLocation())
                .toList();
    }

    private static Schema loadSchema() {
        try (InputStream in = OscalBindingContext.class.getResourceAsStream("/schema/json/oscal-catalog_schema.json")) {
            return SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(new JSONTokener(in))).build().load().build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the OSCAL catalog schema from liboscal-java", e);
        }
    }
}
