package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.ClinigateException;
import dev.clinigate.InputException;
import dev.clinigate.PolicyException;
import dev.clinigate.Roster;
import dev.clinigate.SigningKeys;
import dev.clinigate.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rosters of principals load with every problem located at file:line:col; signed rosters verify or are refused. */
class PrincipalsYamlTest {
  private static final Path DIR = Path.of("src/test/resources/principals");
  private static final Path GO = Path.of("src/test/resources/golden/signed-approvals-go");

  private static String errors(Path file) {
    ClinigateException e = assertThrows(ClinigateException.class,
        () -> PrincipalsYaml.load(file, SourceFiles.confinedTo(DIR)));
    return e.getMessage();
  }

  @Test
  void load_badRoster_reportsEveryProblemAtItsLocation() throws IOException {
    assertEquals(Files.readString(DIR.resolve("bad-roster.expected.txt"), StandardCharsets.UTF_8),
        errors(DIR.resolve("bad-roster.yaml")) + "\n");
  }

  @Test
  void load_unknownKey_suggestsTheKnownOne() throws IOException {
    assertEquals(Files.readString(DIR.resolve("unknown-key.expected.txt"), StandardCharsets.UTF_8),
        errors(DIR.resolve("unknown-key.yaml")) + "\n");
  }

  @Test
  void load_signedRoster_verifiesWithTheRosterKey_andRecordsIt() {
    SourceFiles files = SourceFiles.confinedTo(GO);
    Roster r = PrincipalsYaml.load(GO.resolve("principals.yaml"), files,
        SigningKeys.readPublicKey(GO.resolve("roster-key.pub.pem"), files));
    assertTrue(r.signatureVerified());
    assertEquals("golden-board", r.name());
    assertEquals(List.of("bob", "carol", "dan", "erin", "frank", "gina"),
        r.principals().stream().map(p -> p.id()).toList());
    assertFalse(PrincipalsYaml.load(GO.resolve("principals.yaml"), files).signatureVerified());
  }

  @Test
  void load_rosterWithoutItsSignatureFile_isRefusedWhenAKeyIsGiven(@TempDir Path dir) throws IOException {
    Files.copy(GO.resolve("principals.yaml"), dir.resolve("principals.yaml"));
    SourceFiles files = SourceFiles.confinedTo(dir);
    InputException e = assertThrows(InputException.class, () -> PrincipalsYaml.load(dir.resolve("principals.yaml"),
        files, SigningKeys.readPublicKey(GO.resolve("roster-key.pub.pem"), SourceFiles.confinedTo(GO))));
    assertTrue(e.getMessage().startsWith("ERROR: " + dir.resolve("principals.yaml.sig") + ": "), e.getMessage());
  }

  @Test
  void parse_aPolicy_isNotARoster() {
    PolicyException e = assertThrows(PolicyException.class, () -> PrincipalsYaml.parse(
        "apiVersion: clinigate/v1\nkind: PromotionPolicy\nmetadata: {name: x, version: 1}\nspec: {}\n", "p.yaml"));
    assertTrue(e.getMessage().startsWith("ERROR: p.yaml:2:7: expected kind Principals, found PromotionPolicy"),
        e.getMessage());
  }
}
