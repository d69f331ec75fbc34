package dev.clinigate.internal;

import dev.clinigate.SourceFiles;
import java.nio.file.Path;

/** Reads bounded text files as strict UTF-8, with located errors, through {@link SourceFiles}. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * Reads a whole file as strict UTF-8, confined to the file's own folder ({@link SourceFiles#besideFile}).
   *
   * @param limitName the {@link dev.clinigate.Limits} component {@code maxBytes} comes from, named in the error
   * @throws dev.clinigate.InputException naming the file when it is missing, not a regular file, outside its
   *     folder through a link, too large or not UTF-8
   */
  public static String readUtf8(Path file, long maxBytes, String limitName) {
    return SourceFiles.besideFile(file).readText(file, maxBytes, limitName);
  }
}
