package dev.clinigate.audit;

import java.nio.file.Path;

/** A separate JVM appending to a log: {@code AppendMain FILE FIRST COUNT}. */
public final class AppendMain {
  private AppendMain() {}

  /** Appends decisions FIRST .. FIRST+COUNT-1 of the fixtures, printing "ready" first. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int first = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    FileAuditLog log = FileAuditLog.open(file);
    System.out.println("ready");
    System.out.flush();
    for (int i = first; i < first + count; i++) {
      log.append(Fixtures.decision(i), Fixtures.evidence(i));
    }
  }
}
