package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clinigate.cli.Main;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample evidence report in a real browser: headless Chromium (Debian's {@code chromium}) renders the page
 * of {@code report/evidence.json} with the Pima policy; the screenshot must not be blank and the DOM must hold
 * every section title and the charts. Under {@code CI=true} a missing Chromium fails the test ({@code .ci/run}
 * installs it); elsewhere the test is skipped with the reason printed.
 */
class EvidenceReportBrowserTest {
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking");

  static Path chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  private static String run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 90 s: " + command);
    }
    assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(log));
    return new String(out, StandardCharsets.UTF_8);
  }

  private static List<String> chrome(Path bin, Path profile, String... args) {
    List<String> c = new ArrayList<>();
    c.add(bin.toString());
    c.addAll(FLAGS);
    c.add("--user-data-dir=" + profile);
    c.addAll(List.of(args));
    return c;
  }

  @Test
  void sampleReport_inHeadlessChromium_rendersChartsAndTitles(@TempDir Path dir) throws Exception {
    Path bin = chromium();
    if (bin == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium is not installed: CI must run the browser test (.ci/run installs Debian's chromium)");
      }
      System.out.println("EvidenceReportBrowserTest skipped: no chromium on PATH (apt-get install chromium)");
      Assumptions.abort("no chromium on PATH");
    }
    Path html = dir.resolve("report.html");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"report", "--evidence", "report/evidence.json", "--policy", "pima/policy.yaml",
        "--out", html.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

    Path png = dir.resolve("report.png");
    Path profile1 = Files.createDirectory(dir.resolve("profile-1"));
    run(chrome(bin, profile1, "--window-size=1100,1600", "--screenshot=" + png, html.toUri().toString()),
        dir.resolve("screenshot.log"));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1100, img.getWidth());
    long ink = 0;
    long blue = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (r < 200 || g < 200 || b < 200) {
          ink++;
        }
        if (b > 120 && r < 80 && g < 110) { // the charts' and headings' blue (#1f4e9c)
          blue++;
        }
      }
    }
    long total = (long) img.getWidth() * img.getHeight();
    assertTrue(ink > total / 50, "the screenshot is blank: " + ink + " of " + total + " pixels are not white");
    assertTrue(blue > 2_000, "no chart drawn: " + blue + " blue pixels");

    Path profile2 = Files.createDirectory(dir.resolve("profile-2"));
    String dom = run(chrome(bin, profile2, "--dump-dom", html.toUri().toString()), dir.resolve("dom.log"));
    for (String title : dev.clinigate.reports.EvidenceReport.SECTIONS) {
      assertTrue(dom.contains(">" + title + "</h2>"), "section " + title + " missing from the rendered DOM");
    }
    assertTrue(dom.contains("<h1>Evidence report: pima-diabetes-screening 1.0.0</h1>"), dom.substring(0, 400));
    assertTrue(dom.split("<svg ", -1).length - 1 >= 9, "charts in the DOM");
  }
}
