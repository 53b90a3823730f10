package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The API documentation in a real browser, through the edge: authorize with a token, try an operation. */
class SwaggerUiIT {

    // The operation's block, found by its path rather than by tag or operationId, which may change.
    private static final String COUNT_BLOCK = "//div[contains(concat(' ', normalize-space(@class), ' '), ' opblock ')"
            + " and .//*[contains(@class,'opblock-summary-path')"
            + " and @data-path='/api/count']]";

    @RegisterExtension
    static final BrowserStack ENV = new BrowserStack("SwaggerUiIT");

    private static Stack stack() {
        return ENV.stack();
    }

    private static Browser browser() {
        return ENV.browser();
    }

    @Test
    void authorizedTryItOutCallsTheCounter() {
        String token = stack().client().login(Stack.USER, Stack.USER_PASSWORD);
        browser().open(stack().url("/q/swagger-ui/"));

        browser().click(By.cssSelector("button.btn.authorize"));
        browser().visible(By.cssSelector(".modal-ux .auth-container input")).sendKeys(token);
        browser().click(By.cssSelector(".modal-ux button.btn.modal-btn.auth.authorize"));
        // Once authorized the modal offers Logout instead; then close it.
        browser().visible(By.xpath("//div[contains(@class,'modal-ux')]//button[normalize-space()='Logout']"));
        browser().click(By.cssSelector(".modal-ux button.btn-done"));
        browser().await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));

        browser().click(By.xpath(COUNT_BLOCK + "//button[contains(@class,'opblock-summary-control')]"));
        browser().click(By.xpath(COUNT_BLOCK + "//button[contains(@class,'try-out__btn')]"));
        browser().click(By.xpath(COUNT_BLOCK + "//button[contains(@class,'execute')]"));

        // The live response of this execution, not the documented responses below it.
        String response = COUNT_BLOCK + "//table[contains(@class,'live-responses-table')]/tbody/tr[contains(@class,'response')]";
        By status = By.xpath(response + "/td[contains(@class,'response-col_status')]");
        browser().await().until(ExpectedConditions.textMatches(status, Pattern.compile("\\d{3}")));
        String body = browser().reveal(By.xpath(response + "//div[contains(@class,'highlight-code')]//pre")).getText();
        browser().screenshot(stack().logDir().getParent().resolve("swagger-ui.png"));

        assertEquals("200", browser().driver().findElement(status).getText().trim(), body);
        assertTrue(body.contains("\"visits\""), body);
    }
}
