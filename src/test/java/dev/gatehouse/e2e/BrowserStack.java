package dev.gatehouse.e2e;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One stack and one headless browser for a test class, closed after it; a failing test leaves the
 * page's HTML and a screenshot behind. Register as a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserStack ENV = new BrowserStack("MyIT");
 * </pre>
 */
public final class BrowserStack implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final String name;
    private final UnaryOperator<Stack.Builder> customizer;
    private Stack stack;
    private Browser browser;

    public BrowserStack(String name) {
        this(name, UnaryOperator.identity());
    }

    /** A stack adjusted before it starts (the app's environment, the rendered nginx configuration). */
    public BrowserStack(String name, UnaryOperator<Stack.Builder> customizer) {
        this.name = name;
        this.customizer = customizer;
    }

    public Stack stack() {
        return stack;
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = customizer.apply(Stack.builder(name)).start();
        browser = Browser.start(stack.logDir());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (browser != null) {
            browser.saveForDiagnosis(context.getRequiredTestMethod().getName() + "-failed");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
