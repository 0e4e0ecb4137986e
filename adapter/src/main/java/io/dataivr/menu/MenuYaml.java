package io.dataivr.menu;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The bytes of a menu file as YAML: strict UTF-8 (a BOM is skipped), safe types only, no duplicate
 * keys, anchors and aliases, nesting and size bounded; every plain scalar a text. A file that is not
 * such YAML is refused with one error at {@code $}.
 */
final class MenuYaml {

    private MenuYaml() {
    }

    /** The parsed file: texts, lists and mappings (null for an empty file). */
    static Object parse(byte[] file) {
        return load(utf8(file));
    }

    private static String utf8(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw MenuFileReader.invalid("$", "the file is not valid UTF-8");
        }
    }

    private static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MenuFileReader.MAX_ALIASES);
        options.setNestingDepthLimit(4 * MenuFileReader.MAX_DEPTH + 10);
        options.setCodePointLimit(MenuFileReader.MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                    options, new TextsOnlyResolver()).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw MenuFileReader.invalid("$", "not valid YAML" + where + ": "
                    + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw MenuFileReader.invalid("$", "not valid YAML: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML's constructors can fail outside YAMLException (e.g. bad base64 after !!binary)
            throw MenuFileReader.invalid("$", "not valid YAML: a value cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Plain scalars are texts: {@code key: 01} is the key "01" (not the number 1), {@code label: No}
     * and {@code content: yes} are texts (not booleans); only {@code null} / {@code ~} / nothing mean
     * "no value".
     */
    private static final class TextsOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
        }
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        return (newline < 0 ? line : line.substring(0, newline)).toLowerCase(Locale.ROOT);
    }
}
