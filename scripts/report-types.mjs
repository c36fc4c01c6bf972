#!/usr/bin/env node
// @ts-check
// Writes web/types/report.d.ts, the TypeScript types of the report, from
// crate/schema/report.schema.json (the schema the CLI's JSON is tested against), so the page's
// JSDoc types cannot drift from the report: scripts/test.sh runs this with --check, which fails
// when the committed file differs from what the schema gives, and then tsc checks the page
// against it.
//
// Only the JSON Schema the report schema uses is understood (type, enum, const, properties,
// required, additionalProperties, items, $ref into $defs, and the annotations description,
// minimum, title, $schema, $id); anything else stops the script rather than being guessed at.
//
// The file is a module (page scripts name its types as `import('./types/report.js').Finding`):
// as globals, `Report` and `Location` would merge with the DOM's interfaces of those names.
//
// Names: the root is `Report`, a $defs entry its name in PascalCase (`finding` → `Finding`),
// an object nested in a property its parent's name and the property's (`ReportDocument`), and
// an array's item object the array's name (`ReportDocumentDeclared`).
//
// Usage: node scripts/report-types.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemaFile = join(root, 'crate/schema/report.schema.json');
const outFile = join(root, 'web/types/report.d.ts');

/**
 * The part of JSON Schema this script reads.
 * @typedef {{
 *   type?: string | string[], enum?: unknown[], const?: unknown, description?: string,
 *   properties?: Record<string, Schema>, required?: string[], additionalProperties?: boolean,
 *   items?: Schema, $ref?: string, $defs?: Record<string, Schema>,
 *   minimum?: number, title?: string, $schema?: string, $id?: string,
 * }} Schema
 */
const KNOWN = new Set(['type', 'enum', 'const', 'description', 'properties', 'required', 'additionalProperties',
  'items', '$ref', '$defs', 'minimum', 'title', '$schema', '$id']);
const SCALARS = /** @type {Record<string, string>} */ ({
  string: 'string', integer: 'number', number: 'number', boolean: 'boolean', null: 'null',
});

/** @param {string} msg @returns {never} */
function die(msg) {
  console.error(`report-types: ${msg}`);
  process.exit(1);
}

/** @param {string} s */
const pascal = (s) => s.replace(/(^|[-_\s])([a-z])/g, (_, _sep, c) => c.toUpperCase());

/**
 * The declarations of the schema's types, in the order they are met.
 * @param {Schema} schema
 * @returns {string}
 */
export function generate(schema) {
  /** @type {string[]} */
  const decls = [];
  const defs = schema.$defs || {};

  /** @param {string | undefined} text @param {string} indent */
  const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n` : '');

  /**
   * The TypeScript type of `s`; an object schema becomes an interface named `name`.
   * @param {Schema} s @param {string} name @param {string} where
   * @returns {string}
   */
  function typeOf(s, name, where) {
    for (const key of Object.keys(s)) if (!KNOWN.has(key)) die(`${where}: unsupported keyword "${key}"`);
    if (s.$ref) {
      const m = s.$ref.match(/^#\/\$defs\/([A-Za-z0-9_-]+)$/);
      if (!m || !defs[m[1]]) die(`${where}: unsupported $ref ${s.$ref}`);
      return pascal(m[1]);
    }
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    const types = s.type === undefined ? die(`${where}: no type`) : Array.isArray(s.type) ? s.type : [s.type];
    return types.map((t) => {
      if (t === 'object') return objectType(s, name, where);
      if (t === 'array') {
        if (!s.items) die(`${where}: array without items`);
        const item = typeOf(s.items, name, `${where}/items`);
        return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      return SCALARS[t] || die(`${where}: unsupported type ${t}`);
    }).join(' | ');
  }

  /** @param {Schema} s @param {string} name @param {string} where */
  function objectType(s, name, where) {
    const required = new Set(s.required || []);
    const props = s.properties || {};
    for (const r of required) if (!(r in props)) die(`${where}: required "${r}" has no schema`);
    const lines = Object.entries(props).map(([key, p]) => {
      const t = typeOf(p, name + pascal(key), `${where}/properties/${key}`);
      const bounds = p.minimum !== undefined ? ` (minimum ${p.minimum})` : '';
      return `${doc(p.description && p.description + bounds, '  ')}  ${key}${required.has(key) ? '' : '?'}: ${t};`;
    });
    // additionalProperties: false is how every object of the report is declared; a schema
    // that allowed more would need an index signature, which the page has no use for.
    if (s.additionalProperties !== false) die(`${where}: objects must set additionalProperties: false`);
    decls.push(`${doc(s.description || s.title, '')}export interface ${name} {\n${lines.join('\n')}\n}`);
    return name;
  }

  typeOf(schema, 'Report', '#');
  for (const [key, def] of Object.entries(defs)) typeOf(def, pascal(key), `#/$defs/${key}`);
  return decls.join('\n\n');
}

/** @param {Schema} schema */
export function render(schema) {
  return `// Generated by scripts/report-types.mjs from crate/schema/report.schema.json; do not edit.
// Regenerate with \`node scripts/report-types.mjs\` after changing the schema.

${generate(schema)}
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = render(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const rel = relative(root, outFile);
  if (process.argv.includes('--check')) {
    let have = '';
    try { have = readFileSync(outFile, 'utf8'); } catch (_) { /* missing: differs */ }
    if (have !== text) die(`${rel} is out of date with the schema; run \`node scripts/report-types.mjs\``);
    console.log(`${rel} matches the schema`);
  } else {
    writeFileSync(outFile, text);
    console.log(`wrote ${rel}`);
  }
}
