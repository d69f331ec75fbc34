package dev.clinigate.contracts.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/** Where the CSV parser gets its characters from: a strict UTF-8 byte stream or a host's Reader. */
interface CharSource extends Closeable {
  /** Reads up to {@code len} chars; returns how many, or -1 at the end. Never returns 0 for len > 0. */
  int read(char[] dst, int off, int len) throws IOException;

  /** Strict UTF-8 decoding of a byte stream. */
  static CharSource utf8(InputStream in) {
    return new Utf8Source(in);
  }

  /** A reader that already decodes (the host chose the charset). */
  static CharSource of(Reader reader) {
    return new CharSource() {
      @Override
      public int read(char[] dst, int off, int len) throws IOException {
        int n;
        do {
          n = reader.read(dst, off, len);
        } while (n == 0);
        return n;
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
