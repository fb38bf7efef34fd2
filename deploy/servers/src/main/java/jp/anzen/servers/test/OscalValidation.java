package jp.anzen.servers.test;

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
import gov.nist.secauto.metaschema.core.model.constraint.IConstraint;
import gov.nist.secauto.metaschema.core.model.validation.IValidationResult;
import gov.nist.secauto.oscal.lib.OscalBindingContext;

/**
 * Checks an OSCAL document with NIST's OSCAL library: the JSON schema it ships for the model, loading into its
 * object model, and its Metaschema constraints. Returns the problems found (empty when valid). For tests.
 */
public enum OscalValidation {
    CATALOG("oscal-catalog_schema.json", true),
    /**
     * Without the Metaschema constraints: they fetch the document {@code import-ap} names (an assessment plan,
     * which imports a system security plan, ...), and Anzen produces no assessment plan.
     */
    ASSESSMENT_RESULTS("oscal-ar_schema.json", false);

    private final String schemaFile;
    private final boolean constraints;
    private volatile Schema schema;

    OscalValidation(String schemaFile, boolean constraints) {
        this.schemaFile = schemaFile;
        this.constraints = constraints;
    }

    public List<String> problems(Path json) throws Exception {
        try {
            schema().validate(new JSONObject(new JSONTokener(Files.readString(json))));
        } catch (ValidationException e) {
            return e.getAllMessages();
        }
        OscalBindingContext oscal = OscalBindingContext.instance();
        if (oscal.newBoundLoader().load(json) == null) {
            return List.of("the OSCAL library read nothing from " + json);
        }
        if (!constraints) {
            return List.of();
        }
        IValidationResult result = oscal.validateWithConstraints(json.toUri(), new DefaultConfiguration<>());
        return result.getFindings().stream()
                .filter(f -> f.getSeverity().ordinal() >= IConstraint.Level.ERROR.ordinal())
                .map(f -> f.getSeverity() + " " + f.getMessage() + " at " + f.getLocation())
                .toList();
    }

    private Schema schema() {
        Schema loaded = schema;
        if (loaded == null) {
            try (InputStream in = OscalBindingContext.class.getResourceAsStream("/schema/json/" + schemaFile)) {
                loaded = SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(new JSONTokener(in))).build()
                        .load().build();
                schema = loaded;
            } catch (Exception e) {
                throw new IllegalStateException("cannot load " + schemaFile + " from liboscal-java", e);
            }
        }
        return loaded;
    }
}
