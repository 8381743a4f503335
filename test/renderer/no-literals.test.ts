// Every word the UI shows comes from the catalog (renderer/src/i18n/en.ts), so a translation is one
// file: this reads each component with the TypeScript parser and fails on text a person would
// read that is written in the component itself (JSX text, the strings of title, aria-label,
// placeholder, label and alt, and strings or templates with words among a JSX element's children).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { t } from '../../renderer/src/i18n/catalog.ts';
import { bytes, count } from '../../renderer/src/i18n/format.ts';

const COMPONENTS = path.resolve(import.meta.dirname, '../../renderer/src/components');
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'label', 'alt']);
/** A word: two letters in a row (keys like "?" or "/" and symbols like "↑" are not words). */
const WORDS = /\p{L}{2}/u;

function literalsIn(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.basename(file)}:${line + 1}: ${JSON.stringify(text.trim())}`);
  };
  const textOf = (node: ts.Node): string | null => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    return null;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) && node.initializer.expression ? node.initializer.expression : node.initializer;
      const text = textOf(value);
      if (text !== null && WORDS.test(text)) report(node, text);
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = textOf(node.expression);
      if (text !== null && WORDS.test(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it('no component writes its own words: they all come from the catalog', () => {
  const files = fs.readdirSync(COMPONENTS).filter((f) => f.endsWith('.tsx')).map((f) => path.join(COMPONENTS, f));
  expect(files.length).toBeGreaterThan(8);
  expect(files.flatMap(literalsIn)).toEqual([]);
});

it('the check finds a literal when there is one (it is not blind)', () => {
  const probe = path.join(fs.mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'ferry-literals-')), 'Probe.tsx');
  fs.writeFileSync(probe, 'export const P = () => <p title="Some hint">Hello there {`${1} items`} {"?"}</p>;\n');
  expect(literalsIn(probe)).toEqual(['Probe.tsx:1: "Some hint"', 'Probe.tsx:1: "Hello there"', 'Probe.tsx:1: "items"']);
  fs.rmSync(path.dirname(probe), { recursive: true });
});

it('the UI speaks the catalog, with numbers in the locale and sizes in SI units', () => {
  expect(t).toBe(en);
  expect(bytes(1_500_000)).toBe(`${new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(1.5)} MB`);
  expect(bytes(999)).toBe('999 B');
  expect(count(1234567)).toBe(new Intl.NumberFormat().format(1234567));
  expect(t.row.retries(1)).toBe('1 retry');
  expect(t.row.retries(3)).toBe('3 retries');
});
