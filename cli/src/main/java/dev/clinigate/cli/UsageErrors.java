package dev.clinigate.cli;

import dev.clinigate.reports.Reports;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors (what picocli finds while parsing the arguments) in clinigate's error format: {@code ERROR: ...} and
 * one {@code hint: ...} line, exit 2. picocli's own wording ({@code Missing required option: '--policy=P.yaml'},
 * {@code Possible solutions:}) never reaches the user:
 * <pre>
 * ERROR: unknown option '--polcy'
 * hint: did you mean --policy?
 * </pre>
 * The messages are golden-tested ({@code src/test/resources/usage-errors/cases.txt}).
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    PrintWriter w = c.getErr();
    String[] lines = describe(ex, args);
    w.println("ERROR: " + lines[0]);
    w.println("hint: " + lines[1]);
    w.flush();
    // a CI report asked for is written even so: a failed run, never an empty file
    CiReports.requested(c, args).ifPresent(f -> {
      c.getOut().print(f.render(CiReports.relative(Reports.failedRun(c.getCommandName(), "ERROR: " + lines[0]
          + "\nhint: " + lines[1]), CiReports.rootArgument(args))));
      c.getOut().flush();
    });
    return Main.EXIT_USAGE;
  }

  /** The message and the hint of a usage error. */
  static String[] describe(ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    String help = "run '" + c.getCommandSpec().qualifiedName() + " --help' for usage";
    if (ex instanceof CommandLine.MissingParameterException missing) {
      // picocli checks required options before it reports unknown ones; a misspelt required option is the cause
      String[] unknown = unknownOption(c, args);
      if (unknown != null) {
        return unknown;
      }
      if (ex.getMessage().startsWith("Missing required parameter for option") && missing.getMissing().size() == 1
          && missing.getMissing().get(0) instanceof OptionSpec o) {
        return new String[] {o.longestName() + ": expects a value " + o.paramLabel() + ", found none",
            "e.g. " + o.longestName() + " " + o.paramLabel() + "; " + help};
      }
      List<String> options = new ArrayList<>();
      List<String> params = new ArrayList<>();
      for (ArgSpec a : missing.getMissing()) {
        if (a instanceof OptionSpec o) {
          options.add(o.longestName() + " " + o.paramLabel());
        } else {
          params.add(a.paramLabel());
        }
      }
      List<String> what = new ArrayList<>();
      if (!options.isEmpty()) {
        what.add("option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options));
      }
      if (!params.isEmpty()) {
        what.add("parameter" + (params.size() > 1 ? "s " : " ") + String.join(", ", params));
      }
      return new String[] {c.getCommandSpec().qualifiedName() + ": missing required " + String.join(" and ", what),
          help};
    }
    if (!c.getSubcommands().isEmpty() && String.valueOf(ex.getMessage()).startsWith("Missing required subcommand")) {
      List<String> names = new ArrayList<>(c.getSubcommands().keySet());
      String last = names.remove(names.size() - 1);
      return new String[] {c.getCommandSpec().qualifiedName() + ": missing a command: "
          + (names.isEmpty() ? last : String.join(", ", names) + " or " + last), help};
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      return unmatched(unmatched, help);
    }
    if (ex instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec spec) {
      return new String[] {spec.longestName() + ": given more than once", "give it once; " + help};
    }
    ArgSpec arg = ex.getArgSpec();
    if (arg != null && ex.getCause() instanceof CommandLine.TypeConversionException tce) {
      String value = ex.getValue() == null ? "" : Options.shorten(ex.getValue());
      Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
      String message;
      if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
        message = "\"" + value + "\" is not a whole number";
      } else if (type == double.class || type == Double.class) {
        message = "\"" + value + "\" is not a number";
      } else if (type.isEnum()) {
        List<String> candidates = new ArrayList<>();
        (arg.completionCandidates() != null ? arg.completionCandidates()
            : Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()).forEach(candidates::add);
        message = "\"" + value + "\" is not one of " + String.join(", ", candidates);
      } else {
        message = tce.getMessage();
      }
      return new String[] {name(arg) + ": " + message, help};
    }
    // anything else picocli finds (too many values, mutually exclusive options): its message, without its prefix
    String m = ex.getMessage() == null ? "unusable arguments" : ex.getMessage().replaceFirst("^(?i)error: ", "");
    return new String[] {c.getCommandSpec().qualifiedName() + ": " + lowerFirst(m), help};
  }

  private static String[] unmatched(CommandLine.UnmatchedArgumentException ex, String help) {
    CommandLine c = ex.getCommandLine();
    String token = ex.getUnmatched().isEmpty() ? "" : ex.getUnmatched().get(0);
    List<String> suggestions = ex.getSuggestions();
    if (looksLikeOption(token)) {
      String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
      String best = suggestions.stream().filter(s -> s.startsWith("-")).findFirst().orElse(null);
      return new String[] {"unknown option '" + Options.shorten(name) + "'",
          best != null ? "did you mean " + best + "?" : help};
    }
    if (!c.getSubcommands().isEmpty() && c.getCommandSpec().positionalParameters().isEmpty()) {
      String best = suggestions.stream().filter(s -> !s.startsWith("-")).findFirst().orElse(null);
      return new String[] {"'" + Options.shorten(token) + "' is not a " + c.getCommandSpec().qualifiedName()
          + " command", best != null ? "did you mean " + best + "?" : help};
    }
    return new String[] {c.getCommandSpec().qualifiedName() + ": unexpected argument '" + Options.shorten(token)
        + "'", help};
  }

  /**
   * The first argument that looks like an option the invoked command does not know (picocli checks required
   * options before it reports unknown ones, and a misspelt required option is the cause), or {@code null}.
   */
  private static String[] unknownOption(CommandLine c, String[] args) {
    boolean valueExpected = false;
    for (String token : args) {
      if (valueExpected) {
        valueExpected = false;
        continue;
      }
      if (!looksLikeOption(token)) {
        continue;
      }
      String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
      OptionSpec known = null;
      for (CommandLine k = c; k != null && known == null; k = k.getParent()) {
        known = k.getCommandSpec().findOption(name);
      }
      if (known == null) {
        String help = "run '" + c.getCommandSpec().qualifiedName() + " --help' for usage";
        return unmatched(new CommandLine.UnmatchedArgumentException(c, List.of(token)), help);
      }
      valueExpected = !token.contains("=") && known.arity().min() > 0;
    }
    return null;
  }

  /** {@code --x}, {@code -x}; not {@code -0.5} nor {@code -}. */
  private static boolean looksLikeOption(String token) {
    return token.length() > 1 && token.charAt(0) == '-' && !Character.isDigit(token.charAt(1))
        && token.charAt(1) != '.';
  }

  private static String name(ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      return o.longestName();
    }
    return ((PositionalParamSpec) arg).paramLabel();
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
