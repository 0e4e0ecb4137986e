// What every page does with its own words: each page keeps its table of strings ({en: {...}, 'zh-CN':
// {...}}) and takes the functions over it from here. A string may hold {name} placeholders, filled
// with plain text; texts from menus and customers never pass through these and are set as text.

/** The page language for a BCP 47 tag: Chinese of any script or region → zh-CN, else English. */
export function chineseOrEnglish(tag) {
  return typeof tag === 'string' && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

/** The functions over one page's table `strings`; English stands in for a missing key. */
export function wordsOf(strings) {
  /** The text of `key` in `language`, with `{name}` filled from `values` (as plain text). */
  function text(language, key, values = {}) {
    const table = strings[language] ?? strings.en;
    const template = table[key] ?? strings.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  /** The words for an error code (`err<CODE>`, else `errOther`): never the error's raw message. */
  function errorText(language, code) {
    const key = `err${code}`;
    return key in strings.en ? text(language, key) : text(language, 'errOther', { code: code ?? '?' });
  }

  /** Every string key of `language`, for the tests of the table's completeness. */
  function keysOf(language) {
    return Object.keys(strings[language] ?? {});
  }

  return Object.freeze({ text, errorText, keysOf });
}
