package jp.anzen.requirements.importing;

/** One thing wrong with a bundle, at a JSON-pointer-like location such as {@code /requirements/4/target}. */
public record BundleError(String pointer, String detail) {
}
