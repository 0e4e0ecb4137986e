package io.dataivr.api.http.signin;

import static io.dataivr.fixtures.CommittedScreenshots.DESKTOP;
import static io.dataivr.fixtures.CommittedScreenshots.PHONE;

import io.dataivr.fixtures.CommittedScreenshots;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of the sign-in page that README.md and docs/sign-in.md show are committed, at the
 * sizes they claim: phone 390 × 844 and desktop 1280 × 800 CSS pixels. SignInPageBrowserIntegrationTests
 * rewrites them with -Ddataivr.screenshots.write=true.
 */
class SignInPageScreenshotsTests {

    private static final Map<String, int[]> SHOTS = Map.of(
            "signin-phone-en", PHONE,
            "signin-phone-wrong-password-en", PHONE,
            "signin-phone-locked-zh-CN", PHONE,
            "signin-desktop-en", DESKTOP,
            "signin-desktop-locked-zh-CN", DESKTOP);

    @Test
    void everyScreenshotIsCommittedAsAPngOfItsSize() throws IOException {
        CommittedScreenshots.assertCommitted(SHOTS, "docs/sign-in.md");
    }

    @Test
    void theReadmeShowsThePageAtPhoneAndDesktopSize() throws IOException {
        CommittedScreenshots.assertShownIn("README.md",
                "signin-phone-en", "signin-desktop-en");
    }
}
