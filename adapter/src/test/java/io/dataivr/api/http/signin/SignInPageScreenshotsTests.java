package io.dataivr.api.http.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of the sign-in page that README.md and docs/sign-in.md show are committed, at the
 * sizes they claim: phone 390 × 844 and desktop 1280 × 800 CSS pixels. SignInPageBrowserIntegrationTests
 * rewrites them with -Ddataivr.screenshots.write=true.
 */
class SignInPageScreenshotsTests {

    private static final Path HOME = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."));
    private static final Map<String, int[]> SHOTS = Map.of(
            "signin-phone-en", new int[] {390, 844},
            "signin-phone-wrong-password-en", new int[] {390, 844},
            "signin-phone-locked-zh-CN", new int[] {390, 844},
            "signin-desktop-en", new int[] {1280, 800},
            "signin-desktop-locked-zh-CN", new int[] {1280, 800});

    @Test
    void everyScreenshotIsCommittedAsAPngOfItsSize() throws IOException {
        for (Map.Entry<String, int[]> shot : SHOTS.entrySet()) {
            Path file = HOME.resolve("docs/screenshots/" + shot.getKey() + ".png");
            assertThat(file).as("%s; regenerate: docs/sign-in.md", file).isRegularFile();
            byte[] png = Files.readAllBytes(file);
            assertThat(png).as(file.toString()).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
            assertThat(new int[] {header.getInt(), header.getInt()}).as("%s width and height", file)
                    .containsExactly(shot.getValue());
        }
    }

    @Test
    void theReadmeShowsThePageAtPhoneAndDesktopSize() throws IOException {
        String readme = Files.readString(HOME.resolve("README.md"));
        assertThat(readme).contains("](docs/screenshots/signin-phone-en.png)",
                "](docs/screenshots/signin-desktop-en.png)");
    }
}
