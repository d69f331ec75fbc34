package dev.clinigate.contracts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of a byte stream into a caller's char array.
 *
 * <p>Design note: {@link java.io.InputStreamReader} throws on a malformed byte and drops the characters
 * it decoded before it in the same read, so a caller cannot tell on which line the bad byte stood. This
 * source first hands out every character decoded before the malformed sequence and throws
 * {@link MalformedInputException} only on the next call, when nothing valid is left: the CSV parser has
 * then consumed exactly the text up to the bad byte and knows its line and column.
 */
final class Utf8Source implements CharSource {
  private static final int BYTES = 1 << 16;

  private final InputStream in;
  private final ByteBuffer bytes = ByteBuffer.allocate(BYTES);
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private boolean inputDone;
  private boolean flushed;

  Utf8Source(InputStream in) {
    this.in = in;
    bytes.flip(); // empty, ready for reading
  }

  @Override
  public int read(char[] dst, int off, int len) throws IOException {
    CharBuffer out = CharBuffer.wrap(dst, off, len);
    while (true) {
      CoderResult r = decoder.decode(bytes, out, inputDone);
      if (r.isOverflow()) {
        return out.position() - off;
      }
      if (r.isUnderflow()) {
        if (out.position() > off) {
          return out.position() - off;
        }
        if (inputDone) {
          if (!flushed) {
            flushed = true;
            decoder.flush(out);
            if (out.position() > off) {
              return out.position() - off;
            }
          }
          return -1;
        }
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          inputDone = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        continue;
      }
      // malformed or unmappable: hand out the valid prefix first
      if (out.position() > off) {
        return out.position() - off;
      }
      throw new MalformedInputException(r.length());
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
