package dev.clinigate.hosttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every published artifact carries what Maven Central requires (name, description, URL, licence, SCM, developers;
 * a sources and a javadoc jar beside the jar) and what hosts need (a stable Automatic-Module-Name, listed in the
 * BOM at the project's version). Runs in the integration-test phase, when every module's jars are built.
 */
class PublishedArtifactsTest {
  private static final Path ROOT = Path.of(System.getProperty("clinigate.root", "..")).normalize();
  private static final String VERSION = System.getProperty("clinigate.version", "0.1.0-SNAPSHOT");

  /** The published modules and their JPMS names: the table in README.md ("Modules"). */
  static final Map<String, String> MODULE_NAMES = new LinkedHashMap<>();

  static {
    MODULE_NAMES.put("governance-core", "dev.clinigate.core");
    MODULE_NAMES.put("policy-dsl", "dev.clinigate.dsl");
    MODULE_NAMES.put("metrics", "dev.clinigate.metrics");
    MODULE_NAMES.put("contracts", "dev.clinigate.contracts");
    MODULE_NAMES.put("governance-audit", "dev.clinigate.audit");
    MODULE_NAMES.put("governance-reports", "dev.clinigate.reports");
    MODULE_NAMES.put("governance-testkit", "dev.clinigate.testkit");
    MODULE_NAMES.put("spark", "dev.clinigate.spark");
    MODULE_NAMES.put("cli", "dev.clinigate.cli");
    MODULE_NAMES.put("clinigate-maven-plugin", "dev.clinigate.maven");
  }

  /** Modules of the build that are not published. */
  private static final Set<String> UNPUBLISHED = Set.of("clinigate-bom", "samples", "benchmarks", "host-tests");

  static List<String> published() {
    return new ArrayList<>(MODULE_NAMES.keySet());
  }

  private static Document pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** The text of the first {@code path} element directly under the project (e.g. "scm/url"). */
  private static String text(Document pom, String path) {
    Node n = pom.getDocumentElement();
    for (String name : path.split("/")) {
      Node found = null;
      for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element e && e.getTagName().equals(name)) {
          found = c;
          break;
        }
      }
      if (found == null) {
        return "";
      }
      n = found;
    }
    return n.getTextContent().trim();
  }

  private static List<String> texts(Document pom, String tag) {
    NodeList l = pom.getElementsByTagName(tag);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.getLength(); i++) {
      out.add(l.item(i).getTextContent().trim());
    }
    return out;
  }

  @Test
  void parentAndBom_carryTheMetadataCentralRequires() throws Exception {
    for (Path file : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("clinigate-bom/pom.xml"))) {
      Document pom = pom(file);
      assertEquals("https://github.com/clinigate/clinigate", text(pom, "url"), file.toString());
      assertEquals("Apache-2.0", text(pom, "licenses/license/name"), file.toString());
      assertEquals("https://www.apache.org/licenses/LICENSE-2.0.txt", text(pom, "licenses/license/url"));
      assertEquals("https://github.com/clinigate/clinigate", text(pom, "scm/url"));
      assertEquals("scm:git:https://github.com/clinigate/clinigate.git", text(pom, "scm/connection"));
      assertFalse(text(pom, "developers/developer/name").isEmpty(), file.toString());
      assertFalse(text(pom, "description").isEmpty(), file.toString());
      assertEquals(VERSION, text(pom, "version"), file.toString());
    }
    String licence = Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
    assertTrue(licence.contains("Apache License\n                           Version 2.0, January 2004"));
    assertTrue(licence.contains("END OF TERMS AND CONDITIONS"));
  }

  @Test
  void bom_listsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document bom = pom(ROOT.resolve("clinigate-bom/pom.xml"));
    assertEquals("", text(bom, "parent"), "the BOM must not inherit the parent's dependencyManagement");
    assertEquals(new TreeSet<>(MODULE_NAMES.keySet()), new TreeSet<>(texts(bom, "artifactId").subList(1,
        texts(bom, "artifactId").size()).stream().filter(a -> !a.startsWith("maven-")).toList()));
    for (String v : texts(bom, "version").subList(1, texts(bom, "version").size())) {
      assertTrue(v.equals("${project.version}") || v.matches("[0-9.]+"), v);
    }
    Set<String> modules = new TreeSet<>(texts(pom(ROOT.resolve("pom.xml")), "module"));
    modules.removeAll(UNPUBLISHED);
    assertEquals(new TreeSet<>(MODULE_NAMES.keySet()), modules, "a module is neither published (in the BOM) nor "
        + "listed as unpublished");
  }

  @ParameterizedTest
  @MethodSource("published")
  void module_hasNameDescriptionAndTheThreeJars(String artifactId) throws Exception {
    Document pom = pom(ROOT.resolve(artifactId).resolve("pom.xml"));
    assertFalse(text(pom, "name").isEmpty());
    assertFalse(text(pom, "description").isEmpty());
    Path target = ROOT.resolve(artifactId).resolve("target");
    String base = artifactId + "-" + VERSION;
    try (JarFile jar = new JarFile(target.resolve(base + ".jar").toFile())) {
      assertEquals(MODULE_NAMES.get(artifactId), jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
    }
    assertTrue(count(target.resolve(base + "-sources.jar"), ".java") > 0, base + "-sources.jar");
    assertTrue(count(target.resolve(base + "-javadoc.jar"), ".html") > 0, base + "-javadoc.jar");
  }

  @Test
  void modules_shareNoPackage() throws IOException {
    Map<String, String> owner = new LinkedHashMap<>();
    for (String artifactId : MODULE_NAMES.keySet()) {
      try (JarFile jar = new JarFile(ROOT.resolve(artifactId).resolve("target/" + artifactId + "-" + VERSION + ".jar")
          .toFile())) {
        for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (name.endsWith(".class") && name.contains("/")) {
            String pkg = name.substring(0, name.lastIndexOf('/')).replace('/', '.');
            String before = owner.putIfAbsent(pkg, artifactId);
            assertTrue(before == null || before.equals(artifactId),
                "package " + pkg + " is in " + before + " and in " + artifactId + ": a split package fails the module path");
          }
        }
      }
    }
    assertTrue(owner.size() >= 20, owner.keySet().toString());
  }

  @ParameterizedTest
  @MethodSource("published")
  void module_resolvesUnderItsNameAndExportsEveryPublicPackage(String artifactId) {
    Path jar = ROOT.resolve(artifactId).resolve("target/" + artifactId + "-" + VERSION + ".jar");
    java.lang.module.ModuleDescriptor d = java.lang.module.ModuleFinder.of(jar).findAll().iterator().next().descriptor();
    assertEquals(MODULE_NAMES.get(artifactId), d.name());
    Set<String> api = new TreeSet<>();
    for (String pkg : d.packages()) {
      if (!pkg.contains(".internal")) {
        api.add(pkg);
      }
    }
    Set<String> exported = new TreeSet<>();
    d.exports().forEach(e -> exported.add(e.source()));
    if (!d.isAutomatic()) { // a module-info: a new public package must be added to its exports
      assertEquals(api, exported, artifactId + "'s module-info.java");
    }
  }

  private static long count(Path jar, String suffix) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream().filter(e -> e.getName().endsWith(suffix)).count();
    }
  }
}
