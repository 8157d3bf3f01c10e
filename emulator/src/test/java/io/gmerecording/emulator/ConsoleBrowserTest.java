package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gmerecording.callbacks.CallbackHttpHandler;
import io.gmerecording.callbacks.CallbackListener;
import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.callbacks.RecordingEvent;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: headless Chromium driven through its chromedriver (Debian's {@code chromium}
 * and {@code chromium-driver}, which {@code .ci/run} installs). A user joins through the page, a recording started
 * through the HTTP adapter appears, and its status moves on the page, without a reload, as the emulator's clock moves.
 * Without the browser the test is skipped, unless {@code GME_CONSOLE_BROWSER=required} (as {@code .ci/run} sets),
 * which makes a missing browser a failure.
 */
class ConsoleBrowserTest {

    private static final long BIZ = 1400000000L;
    private static final String APP_KEY = "console-test-app-permission-key";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /** Held so that its level stays: the test drives the page, not DevTools, whose version it need not match. */
    private static final java.util.logging.Logger CDP = java.util.logging.Logger
            .getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static ChromeDriverService driverService;
    private static ChromeDriver browser;
    private static Path profile;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private HttpServer receiver;
    private GmeEmulator emulator;
    private GmeRecording client;

    @BeforeAll
    static void openBrowser() throws IOException {
        Path chromium = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        if (!present && "required".equals(System.getenv("GME_CONSOLE_BROWSER"))) {
            throw new IllegalStateException("the console's browser test needs " + chromium + " and " + chromedriver
                    + " (Debian's chromium and chromium-driver; .ci/run installs them)");
        }
        Assumptions.assumeTrue(present, () -> "no " + chromium + " or " + chromedriver
                + ": install Debian's chromium and chromium-driver to run the console's browser test");
        CDP.setLevel(java.util.logging.Level.SEVERE);
        profile = Files.createTempDirectory("console-browser-profile");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toString()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void startEmulator() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/callback", new CallbackHttpHandler(CallbackReceiver.builder(APP_KEY).build(),
                new CallbackListener() {
                    @Override
                    public void event(RecordingEvent event) {
                    }
                }));
        receiver.start();
        emulator = GmeEmulator.builder().clock(clock).simulationStep(Duration.ofSeconds(1))
                .callbacks(CallbackTarget.to(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/callback"), APP_KEY)).build();
        client = GmeRecording.builder().transport(HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())).build())
                .build();
    }

    @AfterEach
    void stopEmulator() {
        client.close();
        emulator.close();
        receiver.stop(0);
    }

    @Test
    void aUserJoinsThroughThePageAndTheRecordingsStatusMovesOnItWithoutAReload() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(emulator.consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint"), emulator.endpoint()));
        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true;");

        type("join-biz", String.valueOf(BIZ));
        type("join-room", "console-room");
        type("join-user", "alice");
        browser.findElement(By.id("join")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(user("alice")));
        assertThat(emulator.room(BIZ, "console-room").users()).as("the page's button moved the emulator's user")
                .containsExactly("alice");

        StartedRecording started = client.control().start(RoomRef.of(BIZ, "console-room"), RecordMode.SINGLE_AND_MIXED,
                Subscription.everyone());
        String taskId = String.valueOf(started.task().taskId());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(status(taskId), "RECORDING (2)"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests"), "StartRecord"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("callbacks"), "started"));

        client.control().stop(started.task());
        clock.advance(Duration.ofSeconds(1));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(status(taskId), "TRANSCODING (11)"));
        clock.advance(Duration.ofSeconds(3));
        emulator.deliverCallbacks();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(status(taskId), "NOTIFIED (14)"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("callbacks"), "uploaded"));

        assertThat(browser.findElement(By.id("requests")).getText()).as("only the client's requests: the page "
                + "itself asks the API for nothing").doesNotContain("UnsupportedProtocol");
        Path shot = Path.of("target", "console.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true;"))
                .as("the page was never reloaded").isEqualTo(Boolean.TRUE);
        assertThat(browser.getPageSource()).as("no secret on the page").doesNotContain(AcceptedKey.DEMO.secretKey())
                .doesNotContain(APP_KEY).contains(AcceptedKey.DEMO.secretId());
    }

    @Test
    void theMuteAndLeaveButtonsMoveTheEmulatorsUser() {
        emulator.room(BIZ, "buttons-room").join("bob");
        browser.get(emulator.consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        By mute = By.cssSelector(userSelector("bob") + " button[data-move='mute']");
        wait.until(ExpectedConditions.elementToBeClickable(mute)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(userSelector("bob")
                + " button[data-move='unmute']")));
        assertThat(browser.findElement(user("bob")).getText()).contains("muted");

        browser.findElement(By.cssSelector(userSelector("bob") + " button[data-move='leave']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(user("bob")));
        assertThat(emulator.room(BIZ, "buttons-room").users()).isEmpty();
    }

    @Test
    void onAPhoneSizedWindowNothingIsWiderThanTheScreen() {
        emulator.room(BIZ, "a-room-with-a-rather-long-name-for-a-small-screen").join("a-user-with-a-long-id-too");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(emulator.consoleUrl());
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            wait.until(ExpectedConditions.presenceOfElementLocated(user("a-user-with-a-long-id-too")));

            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("the page scrolls sideways by").isLessThanOrEqualTo(0);
            WebElement join = browser.findElement(By.id("join"));
            assertThat(join.isDisplayed()).isTrue();
            assertThat(join.getRect().getX() + join.getRect().getWidth()).isLessThanOrEqualTo(390);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String userSelector(String userId) {
        return "#room-list .user[data-user='" + userId + "']";
    }

    private static By user(String userId) {
        return By.cssSelector(userSelector(userId));
    }

    private static By status(String taskId) {
        return By.cssSelector("#tasks tr[data-task='" + taskId + "'] td.status");
    }
}
