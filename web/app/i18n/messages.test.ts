// Walks the translation files against the keys the code uses: every key used exists in both
// languages, every key defined is used, English is English, placeholders agree, and English
// counts have their plural forms (plural.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserErrorCode } from '../../../api/src/graphql/errors';
import { en } from './en';
import { createI18n } from './i18n';
import { zhCN } from './zh-CN';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    // The message files themselves are not uses of their keys.
    if (statSync(file).isDirectory()) return name === 'features' ? [] : sourceFiles(file);
    if (
      file === path.join(appDir, 'i18n', 'zh-CN.ts') ||
      file === path.join(appDir, 'i18n', 'en.ts')
    )
      return [];
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [file] : [];
  });
}

const zh = leaves(zhCN as unknown as Tree);
const english = leaves(en as unknown as Tree);

/** Counted messages are `key_other` in zh-CN (its only plural form) and code asks for `key`. */
const PLURAL = /_(?:zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');
const countedKeys = new Set([...zh.keys()].filter((k) => k.endsWith('_other')).map(baseKey));
/** A message key as the code writes it: `shifts.placesLeft` for `shifts.placesLeft_other`. */
const defined = (key: string) => zh.has(key) || countedKeys.has(key);
const code = sourceFiles(appDir)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** Every quoted string in the code that looks like a message key ('shifts.title'). */
const literalKeys = new Set(
  [...code.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)].map((match) => match[1]!),
);
/** Keys built at run time: t(`skill.${skill}`) uses every key under `skill.`. */
const dynamicPrefixes = new Set(
  [...code.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)].map((match) => match[1]!),
);
/** Page titles pick their message with an accessor: (m) => m.shifts.title. */
const accessorKeys = new Set(
  [...code.matchAll(/\bm\.((?:[a-zA-Z]\w*\.)*[a-zA-Z]\w*)/g)].map((match) => match[1]!),
);
/** Keys passed through typed constants, e.g. { key: 'nav.shifts' } or labelKey: 'language.zh'. */
const usedKeys = [...literalKeys, ...accessorKeys].filter(defined);

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/**
 * An English count: a placeholder, up to two words, then a plural noun ('{{n}} shifts',
 * '{{n}} more shifts', '{{hours}} shared free hours', 'volunteer(s)'). Such a message must be a
 * counted one (`_one`/`_other`), and hold only one count: two counts are two messages.
 */
const englishCount = /\{\{(\w+)\}\}(?: [a-z]+){0,2}? ([a-z]+s|[a-z]+\(s\))(?![\w(])/g;
const notNouns = new Set(['is', 'was', 'has', 'its', 'this', 'as', 'us', 'asks']);
const countsIn = (text: string) =>
  [...text.matchAll(englishCount)].filter((m) => !notNouns.has(m[2]!)).map((m) => m[1]!);
const cjk = /[\u3400-\u9fff]/;
/** English messages that must show Chinese: the product's name and the language's own name. */
const chineseInEnglish = new Set(['app.name', 'language.zh']);

describe('translations', () => {
  it('define the same keys in zh-CN and English, none of them empty or a placeholder', () => {
    // English adds the `_one` form of each counted message; zh-CN needs only `_other`.
    const englishKeys = [...english.keys()].filter((key) => !key.endsWith('_one'));
    expect(englishKeys.sort()).toEqual([...zh.keys()].sort());
    expect([...zh.keys()].filter((key) => PLURAL.test(key) && !key.endsWith('_other'))).toEqual([]);
    for (const [key, value] of [...zh, ...english]) {
      expect(value.trim(), key).not.toBe('');
      expect(value, key).not.toMatch(/^TODO\b/);
    }
  });

  it('keep the same {{placeholders}} in both languages', () => {
    for (const [key, value] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(value));
    }
    // The singular may leave the number out ('Only the first shift is shown'), nothing more.
    for (const key of countedKeys) {
      const other = placeholders(zh.get(`${key}_other`)!);
      for (const name of placeholders(english.get(`${key}_one`) ?? '')) {
        expect(other, `${key}_one`).toContain(name);
      }
    }
  });

  it('give every English count its plural forms, and the code passes the count', () => {
    // Every counted message has both English forms, and they differ.
    for (const key of countedKeys) {
      const one = english.get(`${key}_one`);
      expect(one, `${key}_one`).toBeDefined();
      expect(one, `${key}_one`).not.toBe(english.get(`${key}_other`));
    }
    // Every English message with a count of something is a counted one, with one count only.
    const uncounted = [...english].filter(
      ([key, value]) => countsIn(value).length > 0 && !PLURAL.test(key),
    );
    expect(uncounted).toEqual([]);
    const twoCounts = [...english].filter(([, value]) => new Set(countsIn(value)).size > 1);
    expect(twoCounts).toEqual([]);
    expect(countedKeys.size).toBeGreaterThan(30);

    // Each use of a counted message passes `count` (i18next picks the form by it).
    for (const key of countedKeys) {
      const uses = [
        ...code.matchAll(new RegExp(`t\\('${key.replaceAll('.', '\\.')}',([^]{0,400})`, 'g')),
      ];
      expect(uses.length, `${key} is used`).toBeGreaterThan(0);
      for (const use of uses) {
        // Up to the end of the call's options: the first '})' (nested calls close with '})' too,
        // and have their own count).
        const options = use[1]!.slice(0, use[1]!.indexOf('})') + 2);
        expect(options, `t('${key}', …) passes count`).toMatch(/\bcount:/);
      }
    }
  });

  it('word counts by i18next’s plural rules: one and other in English, one form in zh-CN', () => {
    const english = createI18n('en');
    const chinese = createI18n('zh-CN');
    expect(english.t('shifts.placesLeft', { count: 1, n: '1' })).toBe('1 place left');
    expect(english.t('shifts.placesLeft', { count: 2, n: '2' })).toBe('2 places left');
    expect(english.t('shifts.placesLeft', { count: 0, n: '0' })).toBe('0 places left');
    expect(english.t('checkIn.hours', { count: 1.5, n: '1.5' })).toMatch(/^1\.5 hours /);
    expect(english.t('activities.detail.shiftsTruncated', { count: 1, n: '1' })).toBe(
      'Only the first shift is shown.',
    );
    expect(english.t('activities.count', { count: 1000, n: '1,000' })).toBe('1,000 activities');
    for (const count of [0, 1, 2, 5]) {
      expect(chinese.t('shifts.placesLeft', { count, n: String(count) })).toBe(
        `剩余 ${count} 个名额`,
      );
    }
    // Every counted message resolves in both languages, singular and plural.
    for (const key of countedKeys) {
      for (const count of [1, 2]) {
        const options = { count, n: String(count) };
        expect(english.t(key as never, options), key).not.toBe(key);
        expect(chinese.t(key as never, options), key).not.toBe(key);
      }
      expect(english.t(key as never, { count: 1, n: '1' }), key).not.toBe(
        english.t(key as never, { count: 2, n: '1' }),
      );
    }
  });

  it('are in English in the English file', () => {
    const untranslated = [...english].filter(
      ([key, value]) => cjk.test(value) && !chineseInEnglish.has(key),
    );
    expect(untranslated).toEqual([]);
  });

  it('exist for every key the pages use', () => {
    const missing = [...literalKeys].filter((key) => {
      const namespace = key.split('.')[0]!;
      // Only strings in a message namespace are keys ('app.css', 'user.id' are not).
      return Object.hasOwn(zhCN, namespace) && !defined(key) && !isSubtree(key);
    });
    expect(missing).toEqual([]);
    for (const prefix of dynamicPrefixes) {
      const namespace = prefix.split('.')[0]!;
      if (!Object.hasOwn(zhCN, namespace)) continue;
      expect(
        [...zh.keys()].some((key) => key.startsWith(prefix)),
        `no messages under ${prefix}`,
      ).toBe(true);
    }
    expect(usedKeys.length).toBeGreaterThan(100);
  });

  it('are all used somewhere (no dead messages)', () => {
    const used = new Set(usedKeys);
    const unused = [...zh.keys()].filter(
      (key) =>
        !used.has(baseKey(key)) &&
        ![...dynamicPrefixes].some((prefix) => key.startsWith(prefix)) &&
        // Enumerations shown through typed maps and the API's error codes.
        !key.startsWith('errorCode.'),
    );
    expect(unused).toEqual([]);
  });

  it('translate every error code the API can return', () => {
    const missing = Object.values(UserErrorCode).filter((code) => !zh.has(`errorCode.${code}`));
    expect(missing).toEqual([]);
  });
});

function isSubtree(key: string): boolean {
  return [...zh.keys()].some((leaf) => leaf.startsWith(`${key}.`));
}
