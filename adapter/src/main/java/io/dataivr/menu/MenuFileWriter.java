package io.dataivr.menu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes a menu in the same YAML shape {@link MenuFileReader} reads: read(write(m)) equals m. */
public final class MenuFileWriter {

    public String write(Menu menu) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("menu", menu.id());
        root.put("languages", menu.languages());
        root.put("title", menu.title().byLanguage());
        root.put("items", items(menu.items()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        return new Yaml(options).dump(root);
    }

    private static List<Map<String, Object>> items(List<MenuItem> items) {
        return items.stream().map(MenuFileWriter::item).toList();
    }

    private static Map<String, Object> item(MenuItem item) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("key", item.key());
        node.put("label", item.label().byLanguage());
        switch (item.kind()) {
            case CONTENT -> node.put("content", item.content().byLanguage());
            case VOICE -> node.put("voice", item.voiceQueue());
            case SUBMENU -> node.put("items", items(item.items()));
        }
        return node;
    }
}
