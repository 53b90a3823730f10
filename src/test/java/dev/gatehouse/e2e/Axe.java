package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * axe-core (src/test/resources/axe, MPL-2.0) run on the page a browser shows: WCAG 2.0/2.1 A and AA
 * rules plus axe's best practices. Injected through WebDriver, which the page's Content-Security-Policy
 * does not restrict.
 */
public final class Axe {

    /** One failed rule and the elements that fail it. */
    public record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + " " + targets;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = load();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, arguments[0]).then(function (result) {
              done(JSON.stringify(result.violations.map(function (v) {
                return { id: v.id, impact: v.impact, help: v.help,
                         targets: v.nodes.map(function (n) { return n.target.join(' '); }) };
              })));
            }).catch(function (e) { done('ERROR ' + e); });
            """;

    private Axe() {
    }

    /**
     * The violations on the current page. {@code frames}: also check same-origin frames (which must then
     * load axe themselves); off for pages that frame other apps (the landing page frames Swagger UI).
     */
    public static List<Violation> check(WebDriver driver, boolean frames) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(SOURCE);
        }
        Object result = js.executeAsyncScript(RUN, Map.of(
                "runOnly", Map.of("type", "tag", "values",
                        List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")),
                "iframes", frames));
        String text = String.valueOf(result);
        if (text.startsWith("ERROR ")) {
            throw new AssertionError("axe failed on " + driver.getCurrentUrl() + ": " + text);
        }
        try {
            return new ArrayList<>(JSON.readValue(text, new TypeReference<List<Violation>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every violation's rule and targets when the current page has any. */
    public static void assertClean(WebDriver driver, String what) {
        assertClean(driver, what, true);
    }

    public static void assertClean(WebDriver driver, String what, boolean frames) {
        assertClean(driver, what, frames, Set.of());
    }

    /**
     * As {@link #assertClean(WebDriver, String)}, tolerating {@code known} violations ("rule target", e.g.
     * {@code color-contrast a[href$="analytics/"]}) of pages these tests do not own, until they are fixed.
     */
    public static void assertClean(WebDriver driver, String what, boolean frames, Set<String> known) {
        List<Violation> violations = new ArrayList<>();
        for (Violation violation : check(driver, frames)) {
            List<String> unknown = violation.targets().stream().filter(target -> !known.contains(violation.id() + " " + target)).toList();
            if (!unknown.isEmpty()) {
                violations.add(new Violation(violation.id(), violation.impact(), violation.help(), unknown));
            }
        }
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(what).append(" (").append(driver.getCurrentUrl()).append(") has ")
                    .append(violations.size()).append(" accessibility violation(s):");
            violations.forEach(violation -> message.append("\n  ").append(violation));
            throw new AssertionError(message.toString());
        }
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
