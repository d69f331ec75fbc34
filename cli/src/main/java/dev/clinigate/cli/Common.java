package dev.clinigate.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class Common {
  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;
}
