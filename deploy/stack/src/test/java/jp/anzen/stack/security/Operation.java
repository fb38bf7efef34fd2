package jp.anzen.stack.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the matrix knows of one operation of the OpenAPI documents: the callers that must be refused when the
 * path names the other tenant's objects, and a body that would be accepted from a caller with the right.
 * A body that would be accepted matters: a refusal must come from authorisation, not from validation.
 */
record Operation(String method, String path, Set<Caller> refused, String body) {

    static Operation of(String method, String path, Set<Caller> refused) {
        return new Operation(method, path, refused, null);
    }

    Operation withBody(String json) {
        return new Operation(method, path, refused, json);
    }

    String key() {
        return method + " " + path;
    }

    static Set<Caller> allBut(Caller... allowed) {
        Set<Caller> refused = EnumSet.allOf(Caller.class);
        for (Caller c : allowed) {
            refused.remove(c);
        }
        return refused;
    }

    static Set<Caller> none() {
        return EnumSet.noneOf(Caller.class);
    }
}
