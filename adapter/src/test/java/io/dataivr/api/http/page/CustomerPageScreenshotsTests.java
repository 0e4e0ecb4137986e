package io.dataivr.api.http.page;

import static io.dataivr.fixtures.CommittedScreenshots.DESKTOP;
import static io.dataivr.fixtures.CommittedScreenshots.PHONE;

import io.dataivr.fixtures.CommittedScreenshots;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of the customer page that README.md shows are committed, at the sizes they claim:
 * phone 390 × 844 and desktop 1280 × 800 CSS pixels. The browser tests rewrite them with
 * -Ddataivr.screenshots.write=true (README.md, "The customer page").
 */
class CustomerPageScreenshotsTests {

    private static final Map<String, int[]> SHOTS = Map.of(
            "app-phone-menu-zh-CN", PHONE,
            "app-phone-answer-en", PHONE,
            "app-phone-queued-en", PHONE,
            "app-phone-reconnecting-en", PHONE,
            "app-desktop-answer-en", DESKTOP,
            "app-desktop-talking-en", DESKTOP);

    @Test
    void everyScreenshotIsCommittedAsAPngOfItsSize() throws IOException {
        CommittedScreenshots.assertCommitted(SHOTS, "README.md, \"The customer page\"");
    }

    @Test
    void theReadmeShowsThePageAtPhoneAndDesktopSize() throws IOException {
        CommittedScreenshots.assertShownIn("README.md",
                "app-phone-menu-zh-CN", "app-phone-queued-en", "app-desktop-talking-en");
    }
}
