package dev.clinigate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The one way clinigate reads files: confined to a root folder, regular files only, sizes bounded while reading.
 *
 * <p>Every loader of every module reads through this class, so that a policy from a pull request or a file from
 * an upstream system cannot make clinigate read what it should not, block, or exhaust memory:
 * <ul>
 *   <li><b>Confinement.</b> A file must lie inside the root, both as written (after resolving {@code .} and
 *       {@code ..}) and after following symbolic links. References written inside files ({@code extends} in a
 *       policy, {@code policy:} and {@code evidence:} in a PolicyTest suite) must be relative paths; they are
 *       resolved against the folder of the file that names them, and refused when absolute or when they leave
 *       the root.</li>
 *   <li><b>Regular files only.</b> Directories, FIFOs, sockets, devices and the pseudo-files of {@code /proc},
 *       {@code /sys} and {@code /dev} are refused before they are opened, so a FIFO never blocks a read.</li>
 *   <li><b>Bounded reads.</b> Bytes are counted while reading (the size a file system reports is not trusted);
 *       the read stops, with an error naming the {@link Limits limit}, one byte past it.</li>
 *   <li><b>No content in errors.</b> Errors name the file as given and the rule broken; they never quote the
 *       file's bytes or a symbolic link's target.</li>
 * </ul>
 * Errors are {@link InputException}s located at the file's name.
 *
 * <pre>{@code
 * SourceFiles files = SourceFiles.confinedTo(Path.of("policies"));
 * Path base = files.resolve(Path.of("policies/sepsis.yaml"), "base.yaml");   // policies/base.yaml
 * String text = files.readText(base, files.limits().maxPolicyBytes(), "maxPolicyBytes");
 * }</pre>
 *
 * <p>Which root: the Java front doors that take a {@code Path} alone ({@code Evidence.load(Path)},
 * {@code PolicyYaml.load(Path)}, ...) use {@link #besideFile(Path)}: the file's own folder, so that the file
 * itself may be anywhere the caller points but a symbolic link from it, and every reference in it, stays in that
 * folder. The command line does the same unless {@code --root DIR} is given, which confines every file the
 * command reads to {@code DIR}. Instances are immutable and thread-safe.
 */
public final class SourceFiles {
  private static final int CHUNK = 64 * 1024;
  private static final String CONFINED_HINT = "files are confined to the folder of the file given on the command "
      + "line (for 'clinigate test', to the directory given), or to --root DIR when it is given";
  private static final PseudoFileSystems SPECIAL = new PseudoFileSystems("/proc", "/sys", "/dev");

  private final Path root;
  private final Limits limits;

  private SourceFiles(Path root, Limits limits) {
    this.root = root.toAbsolutePath().normalize();
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Files confined to {@code root} (a folder), with the {@link Limits#defaults() default limits}. */
  public static SourceFiles confinedTo(Path root) {
    return new SourceFiles(Objects.requireNonNull(root, "root"), Limits.defaults());
  }

  /**
   * Files confined to the folder of {@code file} (the current folder for a bare file name), with the default
   * limits: the root the single-file front doors use.
   */
  public static SourceFiles besideFile(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return new SourceFiles(parent == null ? file.toAbsolutePath().getRoot() : parent, Limits.defaults());
  }

  /** The same root with other limits. */
  public SourceFiles withLimits(Limits newLimits) {
    return new SourceFiles(root, newLimits);
  }

  /** The same limits confined to the folder of {@code file} instead. */
  public SourceFiles besideFileOf(Path file) {
    return besideFile(file).withLimits(limits);
  }

  /** The root folder, absolute and normalised. */
  public Path root() {
    return root;
  }

  /** The limits reads are held to. */
  public Limits limits() {
    return limits;
  }

  /**
   * Resolves a reference written inside the file {@code from} (e.g. an {@code extends} value) against that file's
   * folder, and checks it like {@link #check(Path)}.
   *
   * @param from the file that holds the reference
   * @param reference a relative path with {@code /} separators
   * @return the referenced file (as written, normalised; not the link target)
   * @throws InputException located at {@code reference} when it is absolute, leaves the root, is not a regular
   *     file or does not exist
   */
  public Path resolve(Path from, String reference) {
    Objects.requireNonNull(reference, "reference");
    if (reference.isBlank()) {
      throw refuse(reference, "is an empty path", "name a file relative to the folder of the file that refers to it");
    }
    if (reference.indexOf('\0') >= 0) {
      throw refuse("(path with a NUL character)", "is not a valid path", "remove the NUL character");
    }
    if (reference.startsWith("/") || reference.startsWith("\\") || reference.startsWith("~")
        || (reference.length() > 1 && reference.charAt(1) == ':') || Path.of(reference).isAbsolute()) {
      throw refuse(reference, "is an absolute path; references inside files must be relative",
          "write the path relative to the folder of the file that refers to it");
    }
    Path dir = from.toAbsolutePath().normalize().getParent();
    Path target = (dir == null ? root : dir).resolve(reference).normalize();
    if (!target.startsWith(root)) {
      throw refuse(reference, "leaves the folder that files are confined to", CONFINED_HINT);
    }
    check(target, reference);
    return target;
  }

  /**
   * Checks that {@code file} may be read: inside the root as written and after following links, an existing
   * regular file, not a pseudo-file. Returns its real path.
   *
   * @throws InputException located at the file's name otherwise
   */
  public Path check(Path file) {
    return check(file, file.toString());
  }

  private Path check(Path file, String display) {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(root)) {
      throw refuse(display, "is outside the folder that files are confined to", CONFINED_HINT);
    }
    Path real;
    try {
      real = abs.toRealPath();
    } catch (NoSuchFileException e) {
      throw refuse(display, "file not found", "check the path");
    } catch (AccessDeniedException e) {
      throw refuse(display, "permission denied", "make the file readable");
    } catch (IOException e) {
      throw refuse(display, "cannot be read (" + e.getClass().getSimpleName() + ")", "check the path");
    }
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      realRoot = root;
    }
    if (!real.startsWith(realRoot)) {
      throw refuse(display, "is a symbolic link (or lies under one) that leads outside the folder that files are "
          + "confined to", "copy the file instead of linking to it; " + CONFINED_HINT);
    }
    if (SPECIAL.under(real)) {
      throw refuse(display, "is a system pseudo-file, not a regular file", "give the path of a regular file");
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw refuse(display, "cannot be read (" + e.getClass().getSimpleName() + ")", "check the path");
    }
    if (a.isDirectory()) {
      throw refuse(display, "is a directory, not a file", "give the path of a file");
    }
    if (!a.isRegularFile()) {
      throw refuse(display, "is not a regular file (a pipe, socket or device)", "give the path of a regular file");
    }
    return real;
  }

  /**
   * Reads a whole file as strict UTF-8 (a leading byte order mark is kept for the parsers to skip).
   *
   * @param file the file (checked like {@link #check(Path)})
   * @param maxBytes the most bytes accepted
   * @param limitName the name of the {@link Limits} component {@code maxBytes} comes from, for the message
   * @throws InputException naming the file when it may not be read, is larger than {@code maxBytes} or is not UTF-8
   */
  public String readText(Path file, long maxBytes, String limitName) {
    byte[] bytes = readBytes(file, maxBytes, limitName);
    int bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      int line = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new InputException(Problem.at(file.toString(), line, 0, "file is not valid UTF-8 (byte offset " + bad
          + ")", "save the file as UTF-8"));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Reads a whole file's bytes.
   *
   * @throws InputException naming the file when it may not be read or is larger than {@code maxBytes}
   */
  public byte[] readBytes(Path file, long maxBytes, String limitName) {
    try (InputStream in = open(file, maxBytes, limitName)) {
      byte[] buf = new byte[(int) Math.min(CHUNK, maxBytes + 1)];
      int n = 0;
      while (true) {
        if (n == buf.length) {
          int grown = (int) Math.min(Math.max(buf.length * 2L, CHUNK), Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
          if (grown <= buf.length) {
            throw tooLarge(file.toString(), n, limitName); // no array holds more
          }
          buf = Arrays.copyOf(buf, grown);
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          return n == buf.length ? buf : Arrays.copyOf(buf, n);
        }
        n += r;
      }
    } catch (IOException e) {
      throw refuse(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")", "check the file");
    }
  }

  /**
   * Opens a file for streaming; the stream throws an {@link InputException} naming the limit when more than
   * {@code maxBytes} bytes are read from it.
   *
   * @throws InputException naming the file when it may not be read
   */
  public InputStream open(Path file, long maxBytes, String limitName) {
    Path real = check(file);
    InputStream in;
    try {
      in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw refuse(file.toString(), "cannot be opened (" + e.getClass().getSimpleName() + ")", "check the file");
    }
    return new Bounded(in, file.toString(), maxBytes, limitName);
  }

  /** The error for a file larger than a limit. */
  public static InputException tooLarge(String source, long maxBytes, String limitName) {
    return new InputException(Problem.at(source, 0, 0, "file is larger than " + Limits.describe(limitName, maxBytes)
        + " bytes", Limits.raiseHint(limitName)));
  }

  private static InputException refuse(String display, String message, String hint) {
    return new InputException(Problem.at(display, 0, 0, message, hint));
  }

  /** Index of the first byte that is not part of well-formed UTF-8, or -1 when all are. */
  static int firstInvalidUtf8(byte[] b) {
    var d = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(b);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(CHUNK);
    while (true) {
      java.nio.charset.CoderResult r = d.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (r.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }

  /** Counts bytes and fails one past the limit. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private final String source;
    private final long max;
    private final String limitName;
    private long count;

    Bounded(InputStream in, String source, long max, String limitName) {
      this.in = in;
      this.source = source;
      this.max = max;
      this.limitName = limitName;
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        count(1);
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, (int) Math.min(len, max - count + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > max) {
        throw tooLarge(source, max, limitName);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The folders of pseudo-files (compared as paths, so {@code /devices} is not {@code /dev}). */
  private record PseudoFileSystems(String a, String b, String c) {
    boolean under(Path p) {
      if (!p.getFileSystem().getSeparator().equals("/")) {
        return false;
      }
      String s = p.toString().toLowerCase(Locale.ROOT);
      return is(s, a) || is(s, b) || is(s, c);
    }

    private static boolean is(String s, String dir) {
      return s.equals(dir) || s.startsWith(dir + "/");
    }
  }
}
