package dev.clinigate.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code clinigate help [COMMAND [SUBCOMMAND]...]}: the usage help of the whole tool or of one command,
 * nested commands included ({@code clinigate help audit verify}). An unknown command is a usage error
 * (exit 2) in clinigate's error format.
 */
@Command(name = "help", helpCommand = true,
    description = "Show the usage help of clinigate or of a command, e.g. 'clinigate help audit verify'.")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommands) to explain.")
  List<String> path = List.of();

  private CommandLine self;
  private Help.ColorScheme colors;
  private java.io.PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, java.io.PrintWriter outWriter,
      java.io.PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine sub = target.getSubcommands().get(name);
      if (sub == null) {
        throw new ParameterException(self, String.format(Locale.ROOT, "unknown command '%s' for '%s'; known: %s",
            name, target.getCommandSpec().qualifiedName(), String.join(", ", target.getSubcommands().keySet())));
      }
      target = sub;
    }
    target.usage(out, colors);
    out.flush();
  }

}
