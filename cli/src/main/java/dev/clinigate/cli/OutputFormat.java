package dev.clinigate.cli;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportFormat;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The output formats of every command ({@code --format}), and the one way they are printed. Commands without CI
 * reports accept {@code text} and {@code json} only: their option names {@link TextOrJson} or {@link JsonOrText}
 * as converter and completion candidates, so that {@code --format junit} is a usage error listing what they take.
 */
enum OutputFormat {
  /** For people. */
  text,
  /** Machine-readable JSON. */
  json,
  /** JUnit XML. */
  junit,
  /** SARIF 2.1.0. */
  sarif,
  /** GitHub workflow annotations. */
  github,
  /** A Markdown summary. */
  markdown;

  /** Prints text or JSON (the formats of commands without CI reports). */
  void print(PrintWriter out, Supplier<String> text, Supplier<String> json) {
    print(out, text, json, null);
  }

  /**
   * Prints the output in this format: {@code text} as it is, {@code json} and a newline, a CI format rendered from
   * the report; then flushes.
   */
  void print(PrintWriter out, Supplier<String> text, Supplier<String> json, Supplier<Report> report) {
    switch (this) {
      case text -> out.print(text.get());
      case json -> out.println(json.get());
      default -> {
        if (report == null) {
          throw new IllegalStateException("--format " + this + " is not an output of this command");
        }
        out.print(ReportFormat.valueOf(name().toUpperCase(Locale.ROOT)).render(report.get()));
      }
    }
    out.flush();
  }

  /** A converter to, and the candidates of, a subset of the formats. */
  abstract static class Subset implements ITypeConverter<OutputFormat>, Iterable<String> {
    private final List<OutputFormat> formats;

    Subset(OutputFormat... formats) {
      this.formats = List.of(formats);
    }

    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat f : formats) {
        if (f.name().equalsIgnoreCase(value.strip())) {
          return f;
        }
      }
      throw new TypeConversionException("\"" + Options.shorten(value) + "\" is not one of " + this);
    }

    @Override
    public Iterator<String> iterator() {
      return formats.stream().map(OutputFormat::name).iterator();
    }

    @Override
    public String toString() {
      return formats.stream().map(OutputFormat::name).collect(Collectors.joining(", "));
    }
  }

  /** {@code text} or {@code json}, in that order. */
  static final class TextOrJson extends Subset {
    TextOrJson() {
      super(text, json);
    }
  }

  /** {@code json} or {@code text}, in that order (the commands whose default is JSON). */
  static final class JsonOrText extends Subset {
    JsonOrText() {
      super(json, text);
    }
  }
}
