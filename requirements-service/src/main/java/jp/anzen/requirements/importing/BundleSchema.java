package jp.anzen.requirements.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published JSON Schema of the catalogue bundle format ({@code GET /api/catalogue/schemas/anzen-catalogue-bundle-1}),
 * checked before anything is read into Java: every error of a bundle is said at its place in the bundle's own terms
 * (its snake_case keys), and a value outside the domain (a fiscal year of -1, a 100 KB key, a null URL) never gets
 * further. What a schema cannot say (unique keys, parents that exist) {@link BundleValidator} checks after it.
 */
public final class BundleSchema {

    public static final String RESOURCE = "schemas/anzen-catalogue-bundle-1.schema.json";
    private static final int MAX_ERRORS = 50;
    private static final JsonNode DOCUMENT = load();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(DOCUMENT);

    private BundleSchema() {
    }

    /** The schema itself, to publish. */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /** Every place where the bundle breaks the schema (at most 50), by JSON pointer; empty when none. */
    public static List<BundleError> check(JsonNode bundle) {
        return SCHEMA.validate(bundle).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                .limit(MAX_ERRORS)
                .map(m -> new BundleError(pointer(m), message(m)))
                .toList();
    }

    private static String pointer(ValidationMessage m) {
        // the library writes locations as $.requirements[3].key; the bundle's errors use JSON pointers
        String location = m.getInstanceLocation().toString().replaceFirst("^\\$", "");
        String pointer = location.replaceAll("\\[(\\d+)\\]", "/$1").replace('.', '/');
        // a missing or unknown field is named by its own place, as the other errors are
        if (("required".equals(m.getType()) || "additionalProperties".equals(m.getType())) && m.getProperty() != null) {
            pointer = pointer + "/" + m.getProperty();
        }
        return pointer.isEmpty() ? "/" : pointer;
    }

    /** The library's message without the location it starts with, which the pointer gives. */
    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        return colon > 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }

    private static JsonNode load() {
        try (InputStream in = BundleSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
