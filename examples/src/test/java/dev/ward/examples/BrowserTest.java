package dev.ward.examples;

import dev.ward.examples.contract.AccountLifecycleContract;
import dev.ward.examples.contract.Api;
import dev.ward.examples.contract.Mailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in a real browser: headless Chromium from Debian's {@code chromium} and
 * {@code chromium-driver} packages, driven by Selenium through the system's chromedriver
 * (never a downloaded one). Skipped, saying how to install them, where they are missing.
 *
 * <p>The page is loaded from {@code http://localhost}, which Chromium treats as a secure
 * context, so the refresh cookie keeps its default {@code Secure} flag here.
 */
@DisplayName("The demo page in headless Chromium")
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path profile;

    private Mailbox mailbox;
    private WardServer server;
    private ChromeDriverService service;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium found at /usr/bin/chromium and /usr/bin/chromedriver: "
                        + "install chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        mailbox = Mailbox.start();
        Map<String, String> settings = new HashMap<>(mailbox.serverSettings());
        settings.putAll(Map.of("DB", "memory", "PORT", "0", "HOST", "127.0.0.1", "SALT", "4"));
        server = WardServer.create(ServerConfig.of(settings));
        server.start();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.stop();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    @DisplayName("signs up, logs in, calls /api/me, refreshes through the HttpOnly cookie, lists sessions, logs out; "
            + "no answer the page's script reads ever holds the refresh token")
    void wholeFlow() {
        signUpAndLogIn("heidi", "heidi@example.com");

        driver.findElement(By.id("me-button")).click();
        waitForStatus("Signed in as heidi.");
        assertThat(text("me-email")).isEqualTo("heidi@example.com");
        assertThat(text("me-roles")).isEqualTo("user");

        assertThat(documentCookie()).as("the page's JavaScript cannot read the refresh cookie")
                .doesNotContain("refreshToken");
        String refreshCookie = assertRefreshCookieHiddenFromScripts();

        String accessExpiresBefore = text("access-expires");
        driver.findElement(By.id("refresh-button")).click();
        waitForStatus("Refreshed: new access token until");
        assertThat(text("access-expires")).isNotBlank().isNotEqualTo("-");
        assertThat(accessExpiresBefore).isNotEqualTo("-");
        assertThat(documentCookie()).doesNotContain("refreshToken");
        assertThat(text("output")).as("tokens are never shown").doesNotContain("eyJ").contains("(hidden)");

        driver.findElement(By.id("refresh-button")).click();
        waitForStatus("Refreshed: new access token until");
        assertThat(receivedByThePage()).as("the page's script received the log-in and both refreshes")
                .hasSizeGreaterThanOrEqualTo(4).anySatisfy(body -> assertThat(body).contains("\"accessToken\""))
                .allSatisfy(body -> assertThat(body).as("no answer the script reads holds a refresh token")
                        .doesNotContain("refreshToken\"").doesNotContain(refreshCookie));

        driver.findElement(By.id("sessions-button")).click();
        waitForStatus("1 active session.");
        assertThat(driver.findElements(By.cssSelector("#sessions-body tr.session"))).hasSize(1);
        assertThat(text("sessions-body")).contains("(this one)", "127.0.0.1", "HeadlessChrome");

        driver.findElement(By.id("logout-button")).click();
        waitForStatus("Logged out.");

        driver.findElement(By.id("refresh-button")).click();
        waitForStatus("Refresh failed (400)"); // the cookie is gone: there is nothing to refresh with
        driver.findElement(By.id("me-button")).click();
        waitForStatus("Who am I failed (401)");
    }

    @Test
    @DisplayName("two refreshes raced from the page both succeed, and the cookie the browser keeps refreshes again")
    void racedRefreshesKeepOneCookie() {
        signUpAndLogIn("ivan", "ivan@example.com");

        for (int round = 0; round < 5; round++) {
            // Two fetches at once with the same cookie, as two tabs would send them; whichever
            // answer the browser stores last, the cookie must still be the session's token.
            @SuppressWarnings("unchecked")
            List<Object> statuses = (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const refresh = () => fetch('/api/refreshToken', {method: 'POST', credentials: 'same-origin',
                        headers: {'Content-Type': 'application/json', 'X-Requested-With': 'race'}, body: '{}'})
                        .then(r => r.status);
                    Promise.all([refresh(), refresh()]).then(done, e => done(['error: ' + e]));
                    """);
            assertThat(statuses).as("round " + round).containsExactly(200L, 200L);
        }

        driver.findElement(By.id("refresh-button")).click();
        waitForStatus("Refreshed: new access token until");
        driver.findElement(By.id("me-button")).click();
        waitForStatus("Signed in as ivan.");
    }

    @Test
    @DisplayName("verifies the address from the mailed link, then walks forgot -> mail -> link -> reset form -> "
            + "log-in with the new password; the token leaves the address bar at once")
    void forgotPasswordThroughTheMail() {
        String email = "judy@example.com";
        signUpAndLogIn("judy", email);

        openFromMail(mailbox.next(email, AccountLifecycleContract.VERIFY_SUBJECT).link(MailText.VERIFY_EMAIL));
        waitForStatus("E-mail address " + email + " verified.");
        assertThat(driver.getCurrentUrl()).as("the token left the address bar").doesNotContain("#")
                .doesNotContain("verify-email");

        type("forgot-email", email);
        driver.findElement(By.id("forgot-button")).click();
        waitForStatus("If an account has this address, a link to reset its password is on its way.");

        String link = mailbox.next(email, AccountLifecycleContract.RESET_SUBJECT).link(MailText.RESET_PASSWORD);
        openFromMail(link);
        waitForStatus("Choose a new password below.");
        assertThat(driver.getCurrentUrl()).doesNotContain("#").doesNotContain("reset-password");
        assertThat(driver.findElement(By.id("reset-form")).isDisplayed()).isTrue();

        type("reset-new-password", AccountLifecycleContract.NEW_PASSWORD);
        driver.findElement(By.id("reset-button")).click();
        waitForStatus("Password changed: every session was ended.");
        assertThat(driver.findElement(By.id("reset-form")).isDisplayed()).isFalse();
        assertThat(mailbox.next(email, AccountLifecycleContract.CHANGED_SUBJECT).to()).isEqualTo(email);

        type("login-password", Api.PASSWORD);
        driver.findElement(By.id("login-button")).click();
        waitForStatus("Log-in failed (401)");
        type("login-password", AccountLifecycleContract.NEW_PASSWORD); // the page filled in the e-mail address
        driver.findElement(By.id("login-button")).click();
        waitForStatus("Logged in.");
        driver.findElement(By.id("me-button")).click();
        waitForStatus("Signed in as judy.");
    }

    /**
     * Opens a link from a message as a mail program would: a new page load, not a change of the
     * fragment in the page already open (which a browser would not reload).
     */
    private void openFromMail(String link) {
        assertThat(link).startsWith("http://localhost:" + server.port() + "/#");
        driver.get("about:blank");
        driver.get(link);
    }

    private void signUpAndLogIn(String userName, String email) {
        driver.get("http://localhost:" + server.port() + "/");
        assertThat(text("status")).isEqualTo("Not signed in.");
        recordWhatThePageReceives();

        type("signup-username", userName);
        type("signup-email", email);
        type("signup-password", Api.PASSWORD);
        driver.findElement(By.id("signup-button")).click();
        waitForStatus("Signed up as " + email);

        type("login-password", Api.PASSWORD); // the page filled in the e-mail address
        driver.findElement(By.id("login-button")).click();
        waitForStatus("Logged in.");
    }

    /**
     * Wraps the page's {@code fetch} so that the body of every answer its script receives is
     * kept in {@code window.wardReceived}, to check what the script could have read.
     */
    private void recordWhatThePageReceives() {
        ((JavascriptExecutor) driver).executeScript("""
                window.wardReceived = [];
                const original = window.fetch;
                window.fetch = async (...args) => {
                  const response = await original(...args);
                  window.wardReceived.push(await response.clone().text());
                  return response;
                };""");
    }

    @SuppressWarnings("unchecked")
    private List<String> receivedByThePage() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return window.wardReceived");
    }

    /**
     * Opens a document at the cookie's own path in a second tab, where a cookie without
     * HttpOnly would show in {@code document.cookie}, and checks that the browser holds the
     * cookie with its flags and that scripts there still cannot read it.
     */
    private String assertRefreshCookieHiddenFromScripts() {
        String page = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            driver.get("http://localhost:" + server.port() + HttpApi.COOKIE_PATH);
            Cookie cookie = driver.manage().getCookieNamed(HttpApi.COOKIE);
            assertThat(cookie).as("the browser keeps the refresh cookie").isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.isSecure()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(documentCookie()).as("not even a script at the cookie's path can read it")
                    .doesNotContain(HttpApi.COOKIE).doesNotContain(cookie.getValue());
            return cookie.getValue();
        } finally {
            driver.close();
            driver.switchTo().window(page);
        }
    }

    private String documentCookie() {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.cookie");
    }

    private void type(String id, String text) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(text);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void waitForStatus(String start) {
        wait.withMessage(() -> "status was '" + text("status") + "', last answer: " + text("output"))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), start));
        assertThat(text("status")).startsWith(start);
    }
}
