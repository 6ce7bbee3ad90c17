// Walks the translation files against the keys the code uses: every key used exists in both
// languages, every key defined is used, English is English, and placeholders agree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserErrorCode } from '../../../api/src/graphql/errors';
import { en } from './en';
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
const usedKeys = [...literalKeys, ...accessorKeys].filter((key) => zh.has(key));

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const cjk = /[\u3400-\u9fff]/;
/** English messages that must show Chinese: the product's name and the language's own name. */
const chineseInEnglish = new Set(['app.name', 'language.zh']);

describe('translations', () => {
  it('define the same keys in zh-CN and English, none of them empty or a placeholder', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, value] of [...zh, ...english]) {
      expect(value.trim(), key).not.toBe('');
      expect(value, key).not.toMatch(/^TODO\b/);
    }
  });

  it('keep the same {{placeholders}} in both languages', () => {
    for (const [key, value] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(value));
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
      return Object.hasOwn(zhCN, namespace) && !zh.has(key) && !isSubtree(key);
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
        !used.has(key) &&
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
