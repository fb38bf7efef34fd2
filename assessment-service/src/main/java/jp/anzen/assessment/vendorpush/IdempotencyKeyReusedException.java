package jp.anzen.assessment.vendorpush;

/** The same Idempotency-Key came with a different request body: neither is stored again. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request; use a new key for new content");
    }
}
