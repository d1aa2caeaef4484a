package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.Role;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Screenshots of the main pages at 1280×800 for the README, written when {@code -Dcloudwarden.screenshots=DIR} is
 * given (mvn test -Dtest=Screenshots -Dcloudwarden.screenshots=$PWD/docs/screenshots): a test that makes pictures,
 * not one that checks them, so it is skipped otherwise.
 */
class Screenshots {
    @Test
    void mainPages() throws Exception {
        String target = System.getProperty("cloudwarden.screenshots");
        Assumptions.assumeTrue(target != null && !target.isBlank(), "-Dcloudwarden.screenshots=DIR not given");
        Path dir = Files.createDirectories(Path.of(target));
        UiFixture ui = UiFixture.get();
        WebUiTest.signIn(ui.browser(), Role.ANALYST);
        String incident = ui.store().incidents(IncidentQuery.all().withMinSeverity(
                dev.cloudwarden.engine.alert.Level.HIGH)).items().get(0).id();
        String[][] pages = {{"queue", "/incidents"}, {"incident", "/incidents/" + incident}, {"alerts", "/alerts"},
                {"matrix", "/matrix"}, {"coverage", "/matrix?view=coverage"},
                {"hunt", "/hunt?q=" + Fmt.url("SELECT rule_title, level, count(*) AS alerts FROM alerts GROUP BY ALL "
                        + "ORDER BY alerts DESC LIMIT 12")},
                {"rules", "/rules?q=brute"}, {"posture", "/posture"}, {"intel", "/intel?value=" + Fmt.url("192.0.2.77")}, {"health", "/health"}};
        for (String[] p : pages) {
            ui.browser().get(ui.base() + p[1]);
            Path shot = ui.browser().getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, dir.resolve(p[0] + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
