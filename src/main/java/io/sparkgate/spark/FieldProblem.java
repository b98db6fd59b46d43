package io.sparkgate.spark;

/** One problem of a Sparkgate object: the JSON pointer of the field and the sentence that names it. */
public record FieldProblem(String pointer, String message) {}
