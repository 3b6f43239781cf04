import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word a person reads comes from the message catalog (src/i18n/locales) or from the shared
 * domain labels. This walks every source file and fails on a string literal, template text or JSX
 * text written in Japanese (kana, kanji or Japanese punctuation) anywhere else.
 */
const src = join(import.meta.dirname, '..');
const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\u30fb]/u;
const excluded = [
  /^i18n\/locales\//,
  /\.test\.tsx?$/,
  // Demo tree data (user data, not UI text) for the logic-tree tests and benchmark.
  /^features\/logic-tree\/lib\/(test-fixtures|synthetic-tree)\.ts$/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

export function japaneseLiterals(fileName: string, text: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    let value: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) value = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) value = node.text;
    else if (ts.isJsxText(node)) value = node.text;
    if (value !== null && japanese.test(value)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: value.trim() });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('Japanese text in web source', () => {
  it('finds a Japanese literal when there is one (the check itself works)', () => {
    expect(japaneseLiterals('x.tsx', `const a = 'ok'; const b = <p>保存</p>; const c = \`\${a}件\`; const d = "（";`)).toHaveLength(3);
    expect(japaneseLiterals('x.ts', `// コメントは対象外\nconst a = 'Save';`)).toEqual([]);
  });

  it('has none outside the message catalog', () => {
    const offenders = sourceFiles(src)
      .map((path) => relative(src, path).replaceAll('\\', '/'))
      .filter((rel) => !excluded.some((re) => re.test(rel)))
      .flatMap((rel) => japaneseLiterals(rel, readFileSync(join(src, rel), 'utf8')).map((f) => `${rel}:${f.line} ${f.text}`));
    expect(offenders).toEqual([]);
  });
});
