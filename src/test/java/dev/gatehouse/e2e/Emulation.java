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

    /**
     * A phone: a 390 x 844 CSS-pixel viewport at 3 device pixels per CSS pixel, as a mobile browser lays
     * pages out (the viewport meta tag applies), with touch input. {@link #desktop} undoes it.
     */
    public static void phone(WebDriver driver) {
        HasCdp cdp = (HasCdp) driver;
        cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
        cdp.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    }

    /** The browser's own window again, after {@link #phone}. */
    public static void desktop(WebDriver driver) {
        HasCdp cdp = (HasCdp) driver;
        cdp.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        cdp.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
    }

    /** Turns the pages' JavaScript off or on, as a person may have it. WebDriver itself still works. */
    public static void javaScript(WebDriver driver, boolean enabled) {
        ((HasCdp) driver).executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
    }
}
