package jp.anzen.assessment.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every error of a request, so that the client learns all it must fix in one answer. */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    public Errors add(String pointer, String detail) {
        errors.add(new FieldError(pointer, detail));
        return this;
    }

    /** Adds the error when {@code value} is null or blank; returns whether the value is present. */
    public boolean required(String pointer, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(pointer, "is required");
            return false;
        }
        return true;
    }

    public java.util.List<FieldError> list() {
        return java.util.List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny(String what) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(what + " has " + errors.size() + " error(s); nothing was stored", errors);
        }
    }
}
