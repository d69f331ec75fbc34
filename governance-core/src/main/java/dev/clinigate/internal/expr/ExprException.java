package dev.clinigate.internal.expr;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition that cannot be compiled: a syntax error, a type error, an unknown name or a limit exceeded.
 * The host turns it into a located {@code Problem}: {@link #offset()} is the 0-based index in the
 * condition text where the problem starts, so that a YAML loader can map it to a file column.
 */
public final class ExprException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String hint;
  private final String unknownName;

  /**
   * Creates the exception.
   *
   * @param offset 0-based index into the condition text, or -1 when the caller will locate it
   * @param message what is wrong, without a trailing period
   * @param hint what to do, or ""
   */
  public ExprException(int offset, String message, String hint) {
    this(offset, message, hint, null);
  }

  private ExprException(int offset, String message, String hint, String unknownName) {
    super(message);
    this.offset = offset;
    this.hint = Objects.requireNonNull(hint, "hint");
    this.unknownName = unknownName;
  }

  /** An unknown name, so that the host can add a "did you mean" hint from the candidates. */
  public static ExprException unknownName(int offset, String message, String hint, String name) {
    return new ExprException(offset, message, hint, name);
  }

  /** The 0-based offset in the condition text, or -1 when not located yet. */
  public int offset() {
    return offset;
  }

  /** What to do about it, or "". */
  public String hint() {
    return hint;
  }

  /** The unknown name, when the problem is one. */
  public Optional<String> unknownNameValue() {
    return Optional.ofNullable(unknownName);
  }

  /** The same problem at another offset (used to locate a vocabulary's complaint). */
  ExprException at(int newOffset) {
    return new ExprException(newOffset, getMessage(), hint, unknownName);
  }
}
