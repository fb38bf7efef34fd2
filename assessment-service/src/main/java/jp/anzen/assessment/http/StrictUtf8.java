package jp.anzen.assessment.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * A JSON or YAML body must be well-formed UTF-8, checked before it is parsed. The parser on its own accepts some
 * malformed sequences and decodes overlong ones ({@code a\xC0\xAFb} as {@code a/b}, the classic way past a filter).
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {

    /** Thrown for a body that is not UTF-8; mapped to a problem response. */
    public static class MalformedUtf8Exception extends WebApplicationException {

        public MalformedUtf8Exception(String message) {
            super(message, 400);
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && (type.getSubtype().endsWith("json") || type.getSubtype().endsWith("yaml"))) {
            byte[] body = context.getInputStream().readAllBytes();
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            } catch (CharacterCodingException e) {
                throw new MalformedUtf8Exception("The body is not well-formed UTF-8 (" + e.getMessage()
                        + "); send it encoded as UTF-8.");
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }
}
