package io.sparkgate.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * A picocli converter from a parsing function: its {@link IllegalArgumentException} message becomes
 * picocli's conversion error (exit 2 with the usage). picocli instantiates converters by class, so
 * each option names a one-line subclass that gives the function.
 */
abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
  private final Function<String, T> parse;

  ParsingConverter(Function<String, T> parse) {
    this.parse = parse;
  }

  @Override
  public final T convert(String value) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
