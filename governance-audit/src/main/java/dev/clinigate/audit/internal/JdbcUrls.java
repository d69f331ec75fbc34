package dev.clinigate.audit.internal;

import java.util.Locale;
import java.util.Optional;

/** JDBC URLs: what may be shown of them, and H2's embedded multi-process mode. */
public final class JdbcUrls {
  private JdbcUrls() {}

  /**
   * The URL without user information ({@code //user:password@host}), query parameters ({@code ?...}) or H2
   * settings ({@code ;...}): the parts where credentials can hide.
   */
  public static String display(String url) {
    String u = url;
    int cut = indexOfAny(u, '?', ';');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    int slashes = u.indexOf("//");
    if (slashes >= 0) {
      int end = u.indexOf('/', slashes + 2);
      String authority = end < 0 ? u.substring(slashes + 2) : u.substring(slashes + 2, end);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        u = u.substring(0, slashes + 2) + authority.substring(at + 1) + (end < 0 ? "" : u.substring(end));
      }
    }
    return u;
  }

  /** Whether the URL itself carries a password (a {@code password} parameter or {@code user:password@}). */
  public static boolean carriesPassword(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.contains("password")) {
      return true;
    }
    int slashes = url.indexOf("//");
    if (slashes >= 0) {
      int end = indexOfAny(url.substring(slashes + 2), '/', '?', ';');
      String authority = end < 0 ? url.substring(slashes + 2) : url.substring(slashes + 2, slashes + 2 + end);
      int at = authority.lastIndexOf('@');
      return at >= 0 && authority.substring(0, at).contains(":");
    }
    return false;
  }

  /**
   * An H2 embedded file URL ({@code jdbc:h2:file:...} or {@code jdbc:h2:<path>}, not {@code mem:}, {@code tcp:},
   * {@code ssl:} or {@code zip:}) gains {@code ;AUTO_SERVER=TRUE} unless it says otherwise: a second process then
   * reaches the file through the first one instead of failing on H2's file lock. It also gains
   * {@code ;DB_CLOSE_DELAY=-1} (unless set): the process keeps the database open until it exits, rather than
   * opening and closing the file (and its server) for every append while other processes try to connect.
   */
  public static String embeddedServer(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:") || lower.contains("auto_server=")) {
      return url;
    }
    String rest = lower.substring("jdbc:h2:".length());
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
      return url;
    }
    return url + ";AUTO_SERVER=TRUE" + (lower.contains("db_close_delay=") ? "" : ";DB_CLOSE_DELAY=-1");
  }

  /**
   * {@link #embeddedServer} without {@code DB_CLOSE_DELAY}: H2 lets only administrators set it, so a user without
   * admin rights connects with this URL (the administrator can make the delay persistent with
   * {@code SET DB_CLOSE_DELAY -1}).
   */
  public static String embeddedServerForUsers(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    String served = embeddedServer(url);
    if (served.equals(url) || lower.contains("db_close_delay=")) {
      return served;
    }
    return served.substring(0, served.length() - ";DB_CLOSE_DELAY=-1".length());
  }

  /** Whether the URL names an embedded H2 database (one that {@link #embeddedServer} serves to other processes). */
  public static boolean embeddedH2(String url) {
    return !embeddedServer(url).equals(url) || url.toLowerCase(Locale.ROOT).contains("auto_server=true");
  }

  /** {@code text} with {@code secret} replaced by {@code ***}, so that no driver message repeats a password. */
  public static String scrub(String text, Optional<String> secret) {
    return secret.map(s -> text.replace(s, "***")).orElse(text);
  }

  private static int indexOfAny(String s, char... cs) {
    int best = -1;
    for (char c : cs) {
      int i = s.indexOf(c);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}
