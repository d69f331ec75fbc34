package dev.clinigate.reports.internal;

/** Opens {@link SarifWriter}'s package-private URI encoding to the report tests. */
public final class SarifWriterAccess {
  private SarifWriterAccess() {}

  /** {@link SarifWriter#uri(String)}. */
  public static String uri(String path) {
    return SarifWriter.uri(path);
  }
}
