package jp.anzen.assessment.validation;

/** What is wrong with one field of a request, at a JSON pointer such as {@code /answers/3/targetDate}. */
public record FieldError(String pointer, String detail) {
}
