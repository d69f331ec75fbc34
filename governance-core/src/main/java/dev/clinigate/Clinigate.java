package dev.clinigate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Facts about the clinigate library itself.
 *
 * <pre>{@code
 * System.out.println("clinigate " + Clinigate.version());
 * }</pre>
 */
public final class Clinigate {
  private static final String VERSION = load();

  private Clinigate() {}

  /**
   * The library version, e.g. {@code 0.1.0}, as recorded in every decision's provenance; {@code unknown}
   * when the build did not record it.
   */
  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Clinigate.class.getResourceAsStream("/dev/clinigate/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
