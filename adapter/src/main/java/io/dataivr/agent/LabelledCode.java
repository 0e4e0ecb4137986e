package io.dataivr.agent;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * A configured choice an agent picks on the console (a pause reason, a call's disposition): a stable code
 * that is stored and reported, and its label per UI language (BCP 47 tag to text).
 */
public record LabelledCode(@Pattern(regexp = "[a-z0-9-]{1,32}") String code, @NotEmpty Map<String, String> labels) {

    public LabelledCode {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static LabelledCode of(String code, String zh, String en) {
        return new LabelledCode(code, Map.of("zh-CN", zh, "en", en));
    }
}
