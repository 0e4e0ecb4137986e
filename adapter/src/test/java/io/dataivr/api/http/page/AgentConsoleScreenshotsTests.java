package io.dataivr.api.http.page;

import static io.dataivr.fixtures.CommittedScreenshots.DESKTOP;
import static io.dataivr.fixtures.CommittedScreenshots.PHONE;

import io.dataivr.fixtures.CommittedScreenshots;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of the agent console that README.md shows are committed, at the sizes they claim:
 * phone 390 × 844 and desktop 1280 × 800 CSS pixels. AgentConsoleEndToEndTests rewrites them with
 * -Ddataivr.screenshots.write=true.
 */
class AgentConsoleScreenshotsTests {

    private static final Map<String, int[]> SHOTS = Map.of(
            "agent-phone-talking-zh-CN", PHONE,
            "agent-phone-wrap-up-en", PHONE,
            "agent-phone-reconnecting-en", PHONE,
            "agent-desktop-talking-en", DESKTOP,
            "agent-desktop-logged-out-en", DESKTOP);

    @Test
    void everyScreenshotIsCommittedAsAPngOfItsSize() throws IOException {
        CommittedScreenshots.assertCommitted(SHOTS, "AgentConsoleEndToEndTests with -Ddataivr.screenshots.write=true");
    }

    @Test
    void theReadmeShowsTheConsoleAtPhoneAndDesktopSize() throws IOException {
        CommittedScreenshots.assertShownIn("README.md",
                "agent-phone-talking-zh-CN", "agent-desktop-talking-en", "agent-phone-wrap-up-en");
    }
}
