package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.SchoolLevel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.core.io.ClassPathResource;

/**
 * The console in a real browser (headless Chromium driven by Selenium) against the whole platform: a school loses 5 of
 * its 20 students at once, the mapper holds the deletions, and a person logs in, finds the hold, reviews it and
 * approves it behind the confirmation page, then watches the incident resolve and the students leave the files. A
 * viewer sees the hold without an Approve button, and a forged approval with the viewer's session is refused.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; skipped, naming the missing package, without them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final String TENANT = "holdfast";
    private static final String SCHOOL = "HLD";
    private static final String USERNAME = "holdfast-clever";
    private static final DemoCatalog CATALOG = new DemoCatalog(List.of(new DemoTenant(
            TENANT,
            "Holdfast District",
            true,
            List.of(new DemoSchool(SCHOOL, "Holdfast Middle School", SchoolLevel.MIDDLE)),
            List.of(new DemoDestination("holdfast-sftp", USERNAME, List.of(SCHOOL))),
            List.of("lead@holdfast.example.org"))));
    private static final List<String> ENROLLED = IntStream.rangeClosed(1, 20)
            .mapToObj(i -> String.format("HS%02d", i))
            .toList();
    private static final List<String> DELETED = ENROLLED.subList(0, 5);

    private static final Duration PIPELINE = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(500);

    @TempDir
    static Path workdir;

    static LocalPlatform platform;
    static WebDriver browser;

    @BeforeAll
    static void startPlatformAndBrowser() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Debian package chromium is not installed (no " + CHROMIUM
                        + "): apt-get install chromium chromium-driver");
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMEDRIVER),
                "Debian package chromium-driver is not installed (no " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver");
        platform = LocalPlatform.start(PlatformSettings.forTest(
                workdir,
                CATALOG,
                sis -> sis.createFromScript(new ClassPathResource("e2e/threshold-school.sql")),
                Map.of()));
        await("first upload of all 20 students")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(POLL)
                .until(() -> userIds().containsAll(ENROLLED));
        deleteFiveStudents();

        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        // The driver is named, so Selenium Manager never tries to download one (no internet here).
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aViewerSeesTheHoldWithoutAnApproveButtonAndAForgedApprovalIsRefused() throws Exception {
        logIn(LocalPlatform.API_VIEWER, secret(LocalPlatform.VIEWER_PASSWORD_FILE));
        openHoldFromThePlatformPage();
        assertThat(browser.findElement(By.id("summary")).getText()).contains("changes held");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.findElements(By.id("discard"))).isEmpty();
        assertThat(browser.findElement(By.id("viewer-note")).getText()).contains("Only an operator");

        // The viewer's own session and CSRF token, posted straight at the approval as a crafted form would.
        String csrf = browser.findElement(By.name("_csrf")).getDomAttribute("value");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(monitor() + "/console/holds/" + TENANT + "/" + SCHOOL + "/approve"))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("held=5&_csrf=" + csrf))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(userIds()).as("nothing was released").containsAll(DELETED);

        browser.findElement(By.cssSelector("header form button")).click();
        // Like the login, the click returns before the browser reached the next page.
        await("the login page after logging out")
                .atMost(Duration.ofSeconds(10))
                .until(browser::getCurrentUrl, url -> url.contains("/console/login?logout"));
    }

    @Test
    @Order(2)
    void anOperatorReviewsAndApprovesTheHoldAndWatchesItResolve() throws Exception {
        logIn(LocalPlatform.API_OPERATOR, secret(LocalPlatform.API_TOKEN_FILE));
        openHoldFromThePlatformPage();
        String held = browser.findElement(By.id("breaches")).getText();
        assertThat(held).contains("students", "ARCHIVED", "5", "20");
        assertThat(browser.getPageSource()).doesNotContain("Amara", "Whitfield", "awhitfield");
        String report =
                fetchWithSession(browser.findElement(By.id("change-report")).getDomProperty("href"));
        assertThat(report.lines().findFirst())
                .hasValueSatisfying(header -> assertThat(header).contains("sourcedId"));
        assertThat(report).as("the held students are in the change report").contains("\nHELD,PERSON,");
        assertThat(report).doesNotContain("Amara", "Whitfield");

        browser.findElement(By.id("approve")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/console/holds/" + TENANT + "/" + SCHOOL + "/approve");
        assertThat(userIds()).as("nothing is released before the confirmation").containsAll(DELETED);
        browser.findElement(By.id("confirm-approve")).click();
        // Like the login, the click (a form's post) returns before the browser reached the next page.
        await("the approval's notice")
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(
                        () -> browser.findElements(By.className("notice")).stream()
                                .map(WebElement::getText)
                                .findFirst()
                                .orElse(""),
                        notice -> notice.contains("Approved by " + LocalPlatform.API_OPERATOR));

        await("the hold resolved, as the console shows it")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> {
                    browser.navigate().refresh();
                    return !browser.findElements(By.id("no-hold")).isEmpty();
                });
        await("the five students archived in users.csv")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> userIds().stream().noneMatch(DELETED::contains));
        browser.get(monitor() + "/console");
        assertThat(browser.getPageSource()).contains("Nothing is held.");
    }

    private static void logIn(String user, String password) {
        browser.get(monitor() + "/console");
        assertThat(browser.getCurrentUrl())
                .as("an anonymous visit lands on the login page")
                .endsWith("/console/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        // The click returns before the browser left the login page: its heading may be read, then go stale.
        await("the platform page after logging in")
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.tagName("h1")).getText(), "Platform"::equals);
    }

    /** Waits on the platform page until the school's hold is listed, then follows its link. */
    private static void openHoldFromThePlatformPage() {
        String path = "/console/holds/" + TENANT + "/" + SCHOOL;
        WebElement review = await("the hold on the platform page")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(
                        () -> {
                            browser.get(monitor() + "/console");
                            return browser.findElements(By.cssSelector("#holds a[href='" + path + "']")).stream()
                                    .findFirst()
                                    .orElse(null);
                        },
                        found -> found != null);
        review.click();
        assertThat(browser.getCurrentUrl()).endsWith(path);
    }

    private static String fetchWithSession(String url) throws Exception {
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void deleteFiveStudents() throws Exception {
        String deleted = DELETED.stream()
                .map(id -> "'" + id + "'")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        try (Connection connection = platform.sis().connect();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.executeUpdate("delete from enrollments where person_id in (" + deleted + ")");
            sql.executeUpdate("delete from person_schools where person_id in (" + deleted + ")");
            sql.executeUpdate("delete from people where person_id in (" + deleted + ")");
            connection.commit();
        }
    }

    private static String monitor() {
        return "http://127.0.0.1:" + platform.portOf(LocalPlatform.MONITOR);
    }

    private static String secret(String name) throws IOException {
        return Files.readString(platform.workdir().resolve("secrets").resolve(name))
                .strip();
    }

    private static Set<String> userIds() {
        Set<String> ids = new TreeSet<>();
        try {
            Files.readString(platform.filesOf(USERNAME).resolve("users.csv"), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .map(line -> line.split(",", -1)[0])
                    .forEach(ids::add);
        } catch (IOException notYetThere) {
            // Not uploaded yet: no ids.
        }
        return ids;
    }
}
