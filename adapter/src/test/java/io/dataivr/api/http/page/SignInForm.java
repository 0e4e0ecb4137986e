package io.dataivr.api.http.page;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** Signs a person in through the adapter's sign-in page (/login) in the browser. */
final class SignInForm {

    private SignInForm() {
    }

    static void signIn(ChromeDriver driver, int port, String user, String password) {
        driver.get("http://127.0.0.1:" + port + "/login");
        if (driver.findElements(By.name("username")).isEmpty()) {
            // TEMPORARY until the sign-in page is merged: HTTP Basic credentials the browser keeps for the realm
            driver.get("http://" + user + ":" + password + "@127.0.0.1:" + port + "/api/v1/agents/" + user);
            return;
        }
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !driver.getCurrentUrl().contains("/login"));
    }
}
