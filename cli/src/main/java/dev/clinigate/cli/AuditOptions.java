package dev.clinigate.cli;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.audit.AuditKeys;
import dev.clinigate.audit.AuditVerifier;
import dev.clinigate.audit.PhiMask;
import dev.clinigate.audit.Verification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the audit commands: how the log was masked, and how to verify it. */
final class AuditOptions {
  private AuditOptions() {}

  /** The PHI mask of a log: the same options when appending, replaying, analysing and exporting. */
  static final class Mask {
    @Option(names = "--phi-column", paramLabel = "COLUMN",
        description = "A column a data contract marks phi: true; its values are masked (repeatable).")
    List<String> phiColumns = new ArrayList<>();

    @Option(names = "--mask-path", paramLabel = "JSONPATH",
        description = "An evidence path whose values are masked wherever they appear, e.g. $.model.author (repeatable).")
    List<String> evidencePaths = new ArrayList<>();

    @Option(names = "--mask-decision-path", paramLabel = "JSONPATH",
        description = "A decision path replaced as a whole, e.g. $.rules[*].subject (repeatable).")
    List<String> decisionPaths = new ArrayList<>();

    @Option(names = "--mask-key", paramLabel = "FILE",
        description = "File holding the HMAC key (at least 16 bytes; one trailing newline is ignored). Masked values "
            + "become hmac-sha256:<hex>.")
    Path keyFile;

    @Option(names = "--mask-remove", description = "Remove masked values instead of hashing them.")
    boolean remove;

    /** The mask these options describe ({@link PhiMask#none()} when none is given); the key is read via {@code common}. */
    PhiMask mask(Common common) {
      if (keyFile != null) {
        common.checked(keyFile);
      }
      return mask();
    }

    /** The mask these options describe ({@link PhiMask#none()} when none is given). */
    PhiMask mask() {
      PhiMask.Builder b = PhiMask.builder();
      try {
        phiColumns.forEach(b::phiColumn);
        evidencePaths.forEach(b::evidencePath);
        decisionPaths.forEach(b::decisionPath);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage(), "paths look like $.groups.mrn or $.rules[*].subject");
      }
      boolean any = !phiColumns.isEmpty() || !evidencePaths.isEmpty() || !decisionPaths.isEmpty();
      if (keyFile != null && remove) {
        throw usage("--mask-key and --mask-remove exclude each other", "hash values with a key, or remove them");
      }
      if (!any) {
        if (keyFile != null || remove) {
          throw usage("--mask-key/--mask-remove without anything to mask",
              "add --phi-column, --mask-path or --mask-decision-path");
        }
        return PhiMask.none();
      }
      if (remove) {
        return b.remove().build();
      }
      if (keyFile == null) {
        throw usage("masking needs --mask-key FILE (values become hmac-sha256:<hex>) or --mask-remove",
            "make a key with: openssl rand -out mask.key 32");
      }
      try {
        return b.hmacKey(key(keyFile)).build();
      } catch (IllegalArgumentException e) {
        throw new InputException(Problem.at(keyFile.toString(), 0, 0, e.getMessage(),
            "make a key with: openssl rand -out mask.key 32"));
      }
    }

    private static byte[] key(Path file) {
      // a regular file in its folder, read while counting bytes: a device or a pipe never reaches memory
      byte[] k = SourceFiles.besideFile(file).readBytes(file, Limits.defaults().maxKeyBytes(), "maxKeyBytes");
      int n = k.length;
      if (n > 0 && k[n - 1] == '\n') {
        n--;
        if (n > 0 && k[n - 1] == '\r') {
          n--;
        }
      }
      return Arrays.copyOf(k, n);
    }
  }

  /** How to verify a log. */
  static final class Verify {
    @Option(names = "--public-key", paramLabel = "K.pem|K.der",
        description = "Ed25519 public key: every record must carry a valid signature by its private half.")
    Path publicKey;

    @Option(names = "--genesis", paramLabel = "HEX",
        description = "The first record's prev (default 64 zeros); for a log that continues another one.")
    String genesis;

    @Option(names = "--head", paramLabel = "SEQ:SHA256",
        description = "A head recorded earlier (as verify prints it): detects records dropped from the end.")
    String head;

    AuditVerifier verifier(Common common) {
      AuditVerifier.Builder b = AuditVerifier.builder();
      if (publicKey != null) {
        b.publicKey(AuditKeys.readPublicKey(common.checked(publicKey)));
      }
      if (genesis != null) {
        try {
          b.genesis(genesis);
        } catch (IllegalArgumentException e) {
          throw Options.invalid("--genesis", e.getMessage(), "the SHA-256 of the last line of the log this one "
              + "continues");
        }
      }
      if (head != null) {
        try {
          b.expectHead(Verification.Head.parse(head));
        } catch (IllegalArgumentException e) {
          throw Options.invalid("--head", e.getMessage(), "run 'clinigate audit verify LOG' to see the head of a log");
        }
      }
      return b.build();
    }
  }

  static InputException usage(String message, String hint) {
    return new InputException(Problem.at("clinigate", 0, 0, message, hint));
  }
}
