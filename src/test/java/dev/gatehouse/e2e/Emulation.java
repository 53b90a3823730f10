package dev.gatehouse.e2e;

import java.util.List;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/** What Chromium can pretend about the person's browser, through the DevTools protocol; it lasts across navigations. */
public final class Emulation {

    private Emulation() {
    }

    /** {@code prefers-color-scheme}: "light" or "dark". */
    public static void colorScheme(WebDriver driver, String scheme) {
        ((HasCdp) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Turns the pages' JavaScript off or on, as a person may have it. WebDriver itself still works. */
    public static void javaScript(WebDriver driver, boolean enabled) {
        ((HasCdp) driver).executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
    }
}
