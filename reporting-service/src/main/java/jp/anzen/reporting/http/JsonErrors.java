package jp.anzen.reporting.http;

import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A body that could not be read as the operation's type, said in the body's terms: where, and what is expected. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The JSON pointer of the failing value ("" for the whole body). */
    public static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            pointer.append('/');
            if (r.getFieldName() != null) {
                pointer.append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (r.getIndex() >= 0) {
                pointer.append(r.getIndex());
            }
        }
        return pointer.toString();
    }

    /** What is wrong at that place, without Java's names. */
    public static String detail(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Trailing token")) {
            return "there is content after the end of the JSON value";
        }
        if (message != null && message.startsWith("No content to map")) {
            return "a JSON body is required";
        }
        if (e instanceof StrictJson.UnholdableText) {
            return message;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + expected(m.getTargetType());
        }
        return message == null || message.contains("java.") || message.contains("jp.anzen.") ? "cannot be read here"
                : message;
    }

    /** A syntax error, with where it is (line and column), without Java's names. */
    public static String syntax(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        if (message.contains("java.") || message.contains("jp.anzen.") || message.contains("com.fasterxml")) {
            message = "unreadable";
        }
        JsonLocation at = e.getLocation();
        return message + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    static String expected(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a value of another type";
    }
}
