package jp.anzen.requirements.http;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read strictly, so that what is accepted is what the client meant and what every reader can
 * hold: a duplicate key, trailing content after the JSON value, a number where text is expected (or text, or a
 * number, where a boolean is) are refused rather than guessed at; no string may hold NUL or another control
 * character than tab and line breaks (PostgreSQL refuses NUL), nor a lone surrogate, nor more than
 * {@value #MAX_STRING} characters (each field has its own, smaller limit where the domain sets one).
 * <p>
 * The {@code http} package is the same in each service, which shares no code with another (ARCHITECTURE.md): change
 * all three copies together.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final int MAX_STRING = 10_000;
    /** A request nests a few levels; deep nesting only costs the parser. */
    private static final int MAX_NESTING = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxStringLength(5_000_000).build());
        mapper.registerModule(new SimpleModule("anzen-strict-strings").addDeserializer(String.class, new HoldableString()));
    }

    /** A string refused for what it holds; its message says what. */
    public static final class UnholdableText extends MismatchedInputException {

        UnholdableText(JsonParser p, String problem) {
            super(p, problem, String.class);
        }
    }

    /** Text that every reader can hold. */
    public static final class HoldableString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = super.deserialize(p, context);
            String problem = problem(value);
            if (problem != null) {
                // the path to the field is added as the exception leaves each object; the value is not echoed
                throw new UnholdableText(p, problem);
            }
            return value;
        }

        public static String problem(String value) {
            if (value == null) {
                return null;
            }
            if (value.length() > MAX_STRING) {
                return "at most " + MAX_STRING + " characters";
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                    return "control character U+%04X is not allowed".formatted((int) c);
                }
                if (Character.isHighSurrogate(c) && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i)))
                        || Character.isLowSurrogate(c)) {
                    return "a lone UTF-16 surrogate is not a character";
                }
            }
            return null;
        }
    }
}
