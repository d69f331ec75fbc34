package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The schemas of the CI report consumers, committed with their origin in the reports module's test resources: the
 * OASIS SARIF 2.1.0 JSON Schema, the Jenkins xunit plugin's {@code junit-10.xsd} and surefire's test report XSD.
 */
final class CiSchemas {
  private static final Path RES = Path.of("../governance-reports/src/test/resources");

  private CiSchemas() {}

  /** Throws unless the text is a SARIF 2.1.0 log valid against the official schema. */
  static void validateSarif(String sarif) throws IOException {
    String schema = Files.readString(RES.resolve("schemas/sarif-schema-2.1.0.json"));
    Schema s = SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(schema))).build().load().build();
    s.validate(new JSONObject(new JSONTokener(sarif)));
  }

  /** Throws unless the XML is valid for Jenkins' junit-10.xsd and each of its test suites for surefire's XSD. */
  static void validateJunit(String xml) throws Exception {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.newSchema(RES.resolve("xsd/junit-10.xsd").toFile()).newValidator()
        .validate(new StreamSource(new StringReader(xml)));
    DocumentBuilderFactory d = DocumentBuilderFactory.newInstance();
    d.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document doc = d.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    NodeList suites = doc.getDocumentElement().getElementsByTagName("testsuite");
    assertTrue(suites.getLength() > 0, xml);
    javax.xml.validation.Schema surefire = f.newSchema(RES.resolve("xsd/surefire-test-report.xsd").toFile());
    for (int k = 0; k < suites.getLength(); k++) {
      surefire.newValidator().validate(new DOMSource(suites.item(k)));
    }
  }
}
