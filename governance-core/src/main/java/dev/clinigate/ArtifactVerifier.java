package dev.clinigate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the bytes of an artifact the evidence names ({@code artifacts.<name>.uri} with its
 * {@code sha256}), for {@code requires.artifacts}. Without a verifier, a required artifact passes when the
 * evidence records a well-formed SHA-256; with one, the artifact's actual bytes must hash to it.
 *
 * <pre>{@code
 * Decision d = policy.evaluate(evidence, EvaluationOptions.at(instant).withArtifacts(ArtifactVerifier.directory(dir)));
 * }</pre>
 */
@FunctionalInterface
public interface ArtifactVerifier {
  /**
   * The SHA-256 of an artifact's bytes.
   *
   * @param name the artifact's name in the evidence, e.g. {@code modelCard}
   * @param uri the artifact's {@code uri} in the evidence
   * @return the lower-case hex SHA-256, or why the bytes could not be read
   */
  Hash sha256(String name, String uri);

  /**
   * The outcome of hashing an artifact: its SHA-256, or why there is none.
   *
   * @param sha256 the lower-case hex SHA-256, when the bytes were read
   * @param problem why they could not be read ("file model-card.md not found in artifacts/"), else ""
   */
  record Hash(Optional<String> sha256, String problem) {
    /** Validates. */
    public Hash {
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(problem, "problem");
      if (sha256.isPresent() == !problem.isEmpty()) {
        throw new IllegalArgumentException("a hash has either a sha256 or a problem");
      }
    }

    /** A computed hash. */
    public static Hash of(String sha256) {
      return new Hash(Optional.of(sha256), "");
    }

    /** No hash, and why. */
    public static Hash unavailable(String problem) {
      return new Hash(Optional.empty(), problem);
    }
  }

  /**
   * Verifies artifacts against the files of a directory: the file for an artifact is
   * {@code dir/<the last segment of its uri>} (after dropping any {@code ?query} or {@code #fragment}), so
   * {@code s3://models/sepsis/2.1/model-card.md} is looked up as {@code dir/model-card.md}. Symbolic links
   * are not followed and names that would leave the directory are refused.
   */
  static ArtifactVerifier directory(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return (name, uri) -> {
      String file = fileName(uri);
      if (file.isEmpty() || file.equals(".") || file.equals("..")) {
        return Hash.unavailable("its uri " + uri + " names no file");
      }
      Path p = dir.resolve(file);
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return Hash.unavailable("file " + file + " not found in " + dir);
      }
      try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
        return Hash.of(HexFormat.of().formatHex(md.digest()));
      } catch (IOException e) {
        return Hash.unavailable("file " + file + " in " + dir + " cannot be read: " + e.getMessage());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    };
  }

  /** The last path segment of a URI or path, without query or fragment. */
  static String fileName(String uri) {
    String u = uri;
    int cut = u.indexOf('?');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    cut = u.indexOf('#');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    int slash = Math.max(u.lastIndexOf('/'), u.lastIndexOf('\\'));
    return u.substring(slash + 1);
  }
}
