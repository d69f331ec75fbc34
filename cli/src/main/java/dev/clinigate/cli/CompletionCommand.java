package dev.clinigate.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code clinigate completion}: prints a shell completion script for bash and zsh, generated from the
 * command model itself, so it always knows every subcommand, option and enumerated option value.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash/zsh completion script for clinigate to stdout.",
        "bash: source <(clinigate completion)   (or save it under /etc/bash_completion.d/clinigate)",
        "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(clinigate completion)"})
final class CompletionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("clinigate", spec.root().commandLine());
    // picocli writes the script with the platform's line separator; a script is Unix text everywhere.
    spec.commandLine().getOut().print(script.replace("\r\n", "\n"));
    spec.commandLine().getOut().flush();
    return Main.EXIT_OK;
  }
}
