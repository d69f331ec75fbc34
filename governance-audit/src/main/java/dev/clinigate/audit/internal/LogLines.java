package dev.clinigate.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splitting a JSON Lines log into lines, strictly: a line ends with {@code \n} and nothing else; bytes
 * after the last {@code \n} are a torn tail, never a line.
 */
public final class LogLines {
  private static final int CHUNK = 8192;

  private LogLines() {}

  /**
   * The end of a log file.
   *
   * @param lastLine the last complete line without its {@code \n} (empty array when torn or empty)
   * @param tornBytes bytes after the last {@code \n}; 0 when the file ends with one
   */
  public record Tail(byte[] lastLine, long tornBytes) {
    /** Whether the file ends in a torn (unterminated) line. */
    public boolean torn() {
      return tornBytes > 0;
    }
  }

  /** Reads the last line of a non-empty file without reading the whole file. */
  public static Tail tail(FileChannel ch, long size) throws IOException {
    byte[] last = readAt(ch, size - 1, 1);
    if (last[0] != '\n') {
      long nl = lastNewlineBefore(ch, size);
      return new Tail(new byte[0], size - (nl + 1));
    }
    long start = lastNewlineBefore(ch, size - 1) + 1;
    return new Tail(readAt(ch, start, (int) (size - 1 - start)), 0);
  }

  /** The position of the last {@code \n} strictly before {@code end}, or -1. */
  private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
    long pos = end;
    while (pos > 0) {
      int n = (int) Math.min(CHUNK, pos);
      byte[] b = readAt(ch, pos - n, n);
      for (int i = n - 1; i >= 0; i--) {
        if (b[i] == '\n') {
          return pos - n + i;
        }
      }
      pos -= n;
    }
    return -1;
  }

  private static byte[] readAt(FileChannel ch, long pos, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    long p = pos;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, p);
      if (r < 0) {
        throw new IOException("the file shrank while it was read");
      }
      p += r;
    }
    return buf.array();
  }

  /** Counts the {@code \n} bytes of a file. */
  public static long countLines(FileChannel ch, long size) throws IOException {
    long count = 0;
    for (long pos = 0; pos < size; pos += CHUNK) {
      byte[] b = readAt(ch, pos, (int) Math.min(CHUNK, size - pos));
      for (byte x : b) {
        if (x == '\n') {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * A log split into lines.
   *
   * @param lines the complete lines, without {@code \n}, as bytes
   * @param tornBytes bytes after the last {@code \n}
   */
  public record Split(List<byte[]> lines, int tornBytes) {
    /** Copies. */
    public Split {
      lines = List.copyOf(lines);
    }
  }

  /** Splits a whole log. */
  public static Split split(byte[] content) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        lines.add(Arrays.copyOfRange(content, start, i));
        start = i + 1;
      }
    }
    return new Split(lines, content.length - start);
  }

  /** The line as strict UTF-8, or empty when it is not valid UTF-8. */
  public static Optional<String> utf8(byte[] line) {
    try {
      CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
      return Optional.of(c.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
