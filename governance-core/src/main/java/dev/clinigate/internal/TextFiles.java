package dev.clinigate.internal;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads bounded text files as strict UTF-8, with located errors. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * Reads a whole file as strict UTF-8.
   *
   * @throws InputException naming the file when it is missing, unreadable, too large or not UTF-8
   */
  public static String readUtf8(Path file, long maxBytes) {
    String name = file.toString();
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(Problem.at(name, 0, 0, "is a directory, not a file", "give the path of a file"));
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new InputException(Problem.at(name, 0, 0, "file is " + size + " bytes, larger than the "
            + maxBytes + " bytes accepted", "split the file or remove what is not needed"));
      }
      byte[] bytes = Files.readAllBytes(file);
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        int line = 1;
        int bad = firstInvalidUtf8(bytes);
        for (int i = 0; i < bad && i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            line++;
          }
        }
        throw new InputException(Problem.at(name, line, 0, "file is not valid UTF-8 (byte offset " + bad + ")",
            "save the file as UTF-8"), e);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(Problem.at(name, 0, 0, "file not found", "check the path"), e);
    } catch (IOException e) {
      throw new InputException(Problem.at(name, 0, 0, "cannot read the file: " + e.getMessage(), ""), e);
    }
  }

  private static int firstInvalidUtf8(byte[] b) {
    ByteBuffer in = ByteBuffer.wrap(b);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
    java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
    while (true) {
      java.nio.charset.CoderResult r = d.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (r.isUnderflow()) {
        return b.length;
      }
      out.clear();
    }
  }
}
