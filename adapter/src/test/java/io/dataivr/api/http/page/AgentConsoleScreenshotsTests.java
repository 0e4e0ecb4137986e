package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of the agent console that README.md shows are committed, at the sizes they claim:
 * phone 390 × 844 and desktop 1280 × 800 CSS pixels. AgentConsoleEndToEndTests rewrites them with
 * -Ddataivr.screenshots.write=true.
 */
class AgentConsoleScreenshotsTests {

    private static final Path HOME = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."));
    private static final Map<String, int[]> SHOTS = Map.of(
            "agent-phone-talking-zh-CN", new int[] {390, 844},
            "agent-phone-wrap-up-en", new int[] {390, 844},
            "agent-phone-reconnecting-en", new int[] {390, 844},
            "agent-desktop-talking-en", new int[] {1280, 800},
            "agent-desktop-logged-out-en", new int[] {1280, 800});

    @Test
    void everyScreenshotIsCommittedAsAPngOfItsSize() throws IOException {
        for (Map.Entry<String, int[]> shot : SHOTS.entrySet()) {
            Path file = HOME.resolve("docs/screenshots/" + shot.getKey() + ".png");
            assertThat(file).as("%s; regenerate with AgentConsoleEndToEndTests", file).isRegularFile();
            byte[] png = Files.readAllBytes(file);
            assertThat(png).as(file.toString()).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
            assertThat(new int[] {header.getInt(), header.getInt()}).as("%s width and height", file)
                    .containsExactly(shot.getValue());
        }
    }

    @Test
    void theReadmeShowsTheConsoleAtPhoneAndDesktopSize() throws IOException {
        String readme = Files.readString(HOME.resolve("README.md"));
        assertThat(readme).contains("](docs/screenshots/agent-phone-talking-zh-CN.png)",
                "](docs/screenshots/agent-desktop-talking-en.png)", "](docs/screenshots/agent-phone-wrap-up-en.png)");
    }
}
