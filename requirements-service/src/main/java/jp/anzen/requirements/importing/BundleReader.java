package jp.anzen.requirements.importing;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import jp.anzen.requirements.http.JsonErrors;
import jp.anzen.requirements.http.StrictJson;

/**
 * Reads import documents (YAML or JSON, snake_case keys) and reports what cannot be read at its place: a
 * syntax error by line and column, a misplaced or mistyped field by its path.
 */
public final class BundleReader {

    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private BundleReader() {
    }

    public static JsonNode tree(byte[] content, boolean yaml) {
        try {
            JsonNode tree = (yaml ? YAML : JSON).readTree(content);
            if (tree == null || !tree.isObject()) {
                throw new InvalidBundleException("The document is empty or not an object",
                        List.of(new BundleError("/", "expected a YAML or JSON object")));
            }
            List<BundleError> unholdable = new java.util.ArrayList<>();
            unholdableText(tree, "", unholdable);
            if (!unholdable.isEmpty()) {
                throw new InvalidBundleException("The document holds text no reader can store", unholdable);
            }
            return tree;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "/" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new InvalidBundleException("The document cannot be read", List.of(new BundleError(where, JsonErrors.syntax(e))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tree is read without the string rules of a request body; they are applied to it here, field by field. */
    private static void unholdableText(JsonNode node, String at, List<BundleError> errors) {
        if (node.isTextual()) {
            String problem = StrictJson.HoldableString.problem(node.asText());
            if (problem != null) {
                errors.add(new BundleError(at.isEmpty() ? "/" : at, problem));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String key = at + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                if (StrictJson.HoldableString.problem(f.getKey()) != null || f.getKey().length() > 200) {
                    errors.add(new BundleError(at.isEmpty() ? "/" : at, "a field name no reader can hold"));
                } else {
                    unholdableText(f.getValue(), key, errors);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unholdableText(node.get(i), at + "/" + i, errors);
            }
        }
    }

    public static <T> T as(JsonNode tree, Class<T> type) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String at = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping ? JsonErrors.pointer(mapping)
                    : "";
            String pointer = at.isEmpty() ? "/" : at;
            // in the bundle's terms: never a Java class or exception name
            String detail = e instanceof PropertyBindingException binding
                    ? "unknown field '" + binding.getPropertyName() + "'; known: " + binding.getKnownPropertyIds()
                    : e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping ? JsonErrors.detail(mapping)
                    : JsonErrors.syntax(e);
            throw new InvalidBundleException("The document does not fit its format", List.of(new BundleError(pointer, detail)));
        }
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        new StrictJson().customize(mapper); // the same rules as a JSON request body
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
