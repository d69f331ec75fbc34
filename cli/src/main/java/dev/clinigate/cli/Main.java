package dev.clinigate.cli;

import dev.clinigate.Clinigate;
import dev.clinigate.ClinigateException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code clinigate} command line.
 *
 * <p>Exit codes: 0 = GO / all checks passed; 1 = NO_GO / a check failed; 2 = bad input or usage (the
 * message goes to stderr in clinigate's error format; no stack trace unless {@code --debug}).
 */
@Command(name = "clinigate", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Clinical-AI governance as code: evaluate YAML policies against evidence.",
    subcommands = {
        EvaluateCommand.class,
        MetricsCommand.class,
        DriftCommand.class,
        CheckCommand.class,
        ProfileCommand.class,
        AuditCommand.class,
        ImpactCommand.class,
        DiffCommand.class,
        TestCommand.class,
        MonitorCommand.class,
        ReviewCommand.class,
        ModelCardCommand.class,
        ReportCommand.class,
        CompletionCommand.class,
        HelpCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:GO / all checks passed", "1:NO_GO / a check failed", "2:bad input or usage"})
public final class Main {
  /** Exit code for GO / pass. */
  public static final int EXIT_OK = 0;
  /** Exit code for NO_GO / failed checks. */
  public static final int EXIT_FAIL = 1;
  /** Exit code for bad input or usage. */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  /**
   * Runs the CLI and exits with its exit code. Output is UTF-8 whatever the locale: under {@code LANG=C}
   * on JDK 17 the platform charset is ASCII, which would turn every non-ASCII character into {@code ?}.
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the CLI with the given streams and returns the exit code (for tests and embedding). Text is
   * written to the streams as UTF-8 bytes, never in the platform's default charset.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean debug = false;
    for (String a : args) {
      if (a.equals("--debug")) {
        debug = true;
      }
    }
    final boolean showStack = debug;
    CommandLine cmd = new CommandLine(Main.class);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    Options.registerConverters(cmd);
    cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cmd.setParameterExceptionHandler(new UsageErrors());
    cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
      PrintWriter w = c.getErr();
      if (ex instanceof ClinigateException ce) {
        w.println(ce.getMessage());
      } else if (ex instanceof IllegalArgumentException) {
        // the library's precondition messages say what was expected and what was found
        w.println("ERROR: " + ex.getMessage());
        w.println("hint: run '" + c.getCommandSpec().qualifiedName() + " --help' for the options");
      } else {
        w.println("ERROR: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        w.println("hint: this is a bug in clinigate or an unusable input; rerun with --debug for details");
      }
      if (showStack) {
        ex.printStackTrace(w);
      }
      w.flush();
      return EXIT_USAGE;
    });
    try {
      return cmd.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // The limits (SECURITY.md) keep every input within a 256 MiB heap; this is the last line of defence.
      err.println("ERROR: clinigate: " + (e instanceof OutOfMemoryError ? "ran out of memory" : "ran out of stack")
          + " on this input");
      err.println("hint: lower the input's size, or give the JVM more memory (-Xmx); rerun with --debug for details");
      if (showStack) {
        e.printStackTrace(err);
      }
      err.flush();
      return EXIT_USAGE;
    }
  }

  /** Reports the library version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clinigate " + Clinigate.version()};
    }
  }
}
