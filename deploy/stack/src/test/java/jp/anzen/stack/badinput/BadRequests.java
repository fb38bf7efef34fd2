package jp.anzen.stack.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A corpus of bad requests made from an OpenAPI document, as a new integrator's mistakes (or an attacker's probes)
 * would look: for every operation with a JSON body, a plausible body built from its schema, then each field of the
 * wrong type, null, missing, an unknown enum value, NUL, a long string; and the body as a whole malformed, an array,
 * with trailing content, a duplicate key, the wrong content type, malformed and overlong UTF-8, a 1 MB string, nesting
 * 10,000 deep. For every path and query parameter: malformed ids, far dates, huge pages, CRLF and traversal strings.
 */
final class BadRequests {

    /** One request of the corpus; {@code path} is sent as written (already percent-encoded). */
    record Probe(String label, String operation, String method, String path, String contentType, byte[] body) {

        boolean writes() {
            return !method.equals("GET");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> PATH_VALUES = List.of("x", "%00", "a%0D%0Ab", "..%2F..%2Fq%2Fhealth", "%2e%2e", "-1",
            "x".repeat(600), "%22%3E%3Cscript%3E", "%E3%81", "2147483647", "%20", "a%3Bb", "%0A", "null", "%EF%BF%BF",
            "%F0%9F%92%A9");
    private static final List<String> QUERY_VALUES = List.of("", "x", "%00", "a%0D%0Ab", "%2B300000-01-01T00:00:00Z",
            "-999999999-01-01", "2147483647", "-1", "1e9", "x".repeat(600), "%FF", "..%2F..", "%0A", "null", "2000-13-45",
            "99999999999999999999", "%C0%AF");

    private final JsonNode document;
    private final Map<String, String> pathValues;
    private final List<Probe> probes = new ArrayList<>();

    private BadRequests(JsonNode document, Map<String, String> pathValues) {
        this.document = document;
        this.pathValues = pathValues;
    }

    /** @param pathValues a real value for each path parameter, so that a probe reaches the operation itself */
    static List<Probe> from(JsonNode openApi, Map<String, String> pathValues) {
        BadRequests corpus = new BadRequests(openApi, pathValues);
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                var op = ops.next();
                if (List.of("get", "post", "put", "delete").contains(op.getKey())) {
                    corpus.operation(path.getKey(), op.getKey().toUpperCase(java.util.Locale.ROOT), op.getValue());
                }
            }
        }
        return corpus.probes;
    }

    private void operation(String template, String method, JsonNode op) {
        String name = method + " " + template;
        String path = fill(template, null, null);
        List<JsonNode> parameters = new ArrayList<>();
        op.path("parameters").forEach(parameters::add);
        for (JsonNode p : parameters) {
            String in = p.path("in").asText();
            String param = p.path("name").asText();
            if (in.equals("path")) {
                for (String value : PATH_VALUES) {
                    add(name, "path " + param + "=" + shorten(value), method, fill(template, param, value), body(op), "application/json");
                }
            } else if (in.equals("query")) {
                for (String value : QUERY_VALUES) {
                    add(name, "query " + param + "=" + shorten(value), method, path + "?" + param + "=" + value, body(op),
                            "application/json");
                }
            }
        }
        JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            bodies(name, method, path, example(schema, 0));
        }
    }

    /** A plausible body for an operation that takes one, so that a probe of its parameters is a whole request. */
    private byte[] body(JsonNode op) {
        JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : bytes(example(schema, 0).toString());
    }

    private void bodies(String name, String method, String path, JsonNode base) {
        String text = base.toString();
        add(name, "malformed JSON", method, path, bytes(text.substring(0, Math.max(1, text.length() / 2))), "application/json");
        add(name, "an array for the object", method, path, bytes("[" + text + "]"), "application/json");
        add(name, "trailing garbage", method, path, bytes(text + "garbage"), "application/json");
        add(name, "a second value", method, path, bytes(text + " {}"), "application/json");
        add(name, "empty body", method, path, new byte[0], "application/json");
        add(name, "null", method, path, bytes("null"), "application/json");
        add(name, "a string", method, path, bytes("\"x\""), "application/json");
        add(name, "wrong content type", method, path, bytes(text), "text/plain");
        add(name, "XML", method, path, bytes("<a/>"), "application/xml");
        add(name, "nesting 10000 deep", method, path, bytes("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                "application/json");
        add(name, "1 MB string", method, path, bytes("{\"x\":\"" + "a".repeat(1 << 20) + "\"}"), "application/json");
        add(name, "NUL raw", method, path, bytes("{\"x\":\"a\u0000b\"}"), "application/json");
        if (base.isObject()) {
            add(name, "an unknown field", method, path, bytes(with(base, "/unknownField", NODES.textNode("x")).toString()),
                    "application/json");
        }
        if (base instanceof ObjectNode object && object.size() > 0) {
            String first = object.fieldNames().next();
            add(name, "duplicate key " + first, method, path,
                    bytes("{\"" + first + "\":" + object.get(first) + "," + text.substring(1)), "application/json");
        }
        for (String leaf : strings(base, "")) {
            add(name, leaf + " malformed UTF-8", method, path, replaced(base, leaf, new byte[] { 'a', (byte) 0xFF, 'b' }), "application/json");
            add(name, leaf + " overlong UTF-8", method, path, replaced(base, leaf, new byte[] { 'a', (byte) 0xC0, (byte) 0xAF, 'b' }),
                    "application/json");
        }
        for (String pointer : fields(base, "")) {
            JsonNode value = base.at(pointer);
            for (var mutation : mutations(value).entrySet()) {
                add(name, pointer + " " + mutation.getKey(), method, path, bytes(with(base, pointer, mutation.getValue()).toString()),
                        "application/json");
            }
            add(name, pointer + " missing", method, path, bytes(without(base, pointer).toString()), "application/json");
        }
    }

    private static Map<String, JsonNode> mutations(JsonNode value) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        m.put("null", NODES.nullNode());
        if (value.isTextual()) {
            m.put("as a number", NODES.numberNode(123));
            m.put("as an object", NODES.objectNode());
            m.put("unknown value", NODES.textNode("no-such-value"));
            m.put("with NUL", NODES.textNode("a\u0000b"));
            m.put("with CRLF", NODES.textNode("a\r\nb"));
            m.put("100 KB", NODES.textNode("a".repeat(100_000)));
            m.put("far date", NODES.textNode("-999999999-01-01"));
        } else if (value.isNumber()) {
            m.put("as text", NODES.textNode("abc"));
            m.put("fraction", NODES.numberNode(1.5));
            m.put("huge", NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
            m.put("negative", NODES.numberNode(-2147483648));
        } else if (value.isBoolean()) {
            m.put("as a number", NODES.numberNode(2));
            m.put("as text", NODES.textNode("yes"));
        } else if (value.isArray()) {
            m.put("as text", NODES.textNode("x"));
            m.put("with null", NODES.arrayNode().addNull());
            m.put("as an object", NODES.objectNode());
        } else if (value.isObject()) {
            m.put("as text", NODES.textNode("x"));
            m.put("as an array", NODES.arrayNode());
        }
        return m;
    }

    /** An example of the schema: every property present, enums at their first value, dates as dates. */
    private JsonNode example(JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            return example(document.at(schema.get("$ref").asText().substring(1)), depth);
        }
        if (schema.has("allOf") && schema.get("allOf").size() > 0) {
            return example(schema.get("allOf").get(0), depth);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), example(p.getValue(), depth + 1)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) {
                    array.add(example(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(1);
            }
            case "number" -> {
                return NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            case "string" -> {
                return NODES.textNode(switch (schema.path("format").asText()) {
                    case "date" -> "2025-06-02";
                    case "date-time" -> "2025-06-02T10:00:00+09:00";
                    case "uuid" -> "00000000-0000-4000-8000-000000000000";
                    default -> "x";
                });
            }
            default -> {
                return NODES.objectNode();
            }
        }
    }

    /** JSON pointers of every field and array element up to three levels down. */
    private static List<String> fields(JsonNode node, String at) {
        List<String> pointers = new ArrayList<>();
        if (at.split("/").length > 4) {
            return pointers;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                pointers.add(at + "/" + f.getKey());
                pointers.addAll(fields(f.getValue(), at + "/" + f.getKey()));
            });
        } else if (node.isArray() && node.size() > 0) {
            pointers.add(at + "/0");
            pointers.addAll(fields(node.get(0), at + "/0"));
        }
        return pointers;
    }

    private static List<String> strings(JsonNode node, String at) {
        return fields(node, at).stream().filter(p -> node.at(p).isTextual()).limit(3).toList();
    }

    private static JsonNode with(JsonNode base, String pointer, JsonNode value) {
        JsonNode copy = base.deepCopy();
        JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private static JsonNode without(JsonNode base, String pointer) {
        JsonNode copy = base.deepCopy();
        JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
        return copy;
    }

    /** The body with the text at the pointer replaced by these raw bytes, which JSON text cannot carry. */
    private static byte[] replaced(JsonNode base, String pointer, byte[] raw) {
        String marker = "@@RAW@@";
        byte[] text = bytes(with(base, pointer, NODES.textNode(marker)).toString());
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int i = s.indexOf(marker);
        byte[] out = new byte[text.length - marker.length() + raw.length];
        System.arraycopy(text, 0, out, 0, i);
        System.arraycopy(raw, 0, out, i, raw.length);
        System.arraycopy(text, i + marker.length(), out, i + raw.length, text.length - i - marker.length());
        return out;
    }

    private String fill(String template, String param, String value) {
        String filled = template;
        if (param != null) {
            filled = filled.replace("{" + param + "}", value);
        }
        for (var v : pathValues.entrySet()) {
            filled = filled.replace(v.getKey(), v.getValue());
        }
        return filled;
    }

    private void add(String operation, String label, String method, String path, byte[] body, String contentType) {
        probes.add(new Probe(label, operation, method, path, contentType, body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String shorten(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
