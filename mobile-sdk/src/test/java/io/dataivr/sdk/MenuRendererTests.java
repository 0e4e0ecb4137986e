package io.dataivr.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MenuRendererTests {

    @Test
    void wideCharactersCountAsTwoColumns() {
        assertThat(MenuRenderer.displayWidth("abc")).isEqualTo(3);
        assertThat(MenuRenderer.displayWidth("话费")).isEqualTo(4);
        assertThat(MenuRenderer.displayWidth("ＡＢ")).isEqualTo(4);
        assertThat(MenuRenderer.displayWidth("e\u0301")).isEqualTo(1);
        assertThat(MenuRenderer.displayWidth("한국")).isEqualTo(4);
    }

    @Test
    void labelsStartInOneColumnWhateverTheKeysAndScripts() {
        ServerMessage.Menu menu = new ServerMessage.Menu("{}", "m", 1, "zh-CN", List.of(), "电信客服", List.of(
                new ServerMessage.MenuEntry("1", "话费查询", "content"),
                new ServerMessage.MenuEntry("10", "套餐 Plans", "menu"),
                new ServerMessage.MenuEntry("*", "人工服务", "voice")));

        List<String> lines = MenuRenderer.render(menu).lines().toList();

        assertThat(lines.get(0)).isEqualTo("电信客服");
        assertThat(MenuRenderer.displayWidth(lines.get(1))).isEqualTo(8);
        assertThat(lines.subList(2, 5)).containsExactly(
                " 1   话费查询",
                " 10  套餐 Plans >",
                " *   人工服务 (call)");
    }
}
