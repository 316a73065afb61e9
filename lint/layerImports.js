/**
 * `layers/imports`: every folder under src/ is a layer that may import only the layers its entry in the
 * table (eslint.config.js) lists. Relative specifiers are resolved against the importing file, so
 * '../models', './../models/index' and '../../src/models/x' all land on src/models however they are
 * written; a folder under src/ missing from the table is an error, so a new layer cannot slip by.
 * Checked: import and export-from declarations, `import()`, `import.meta.glob()` and `typeof import()`.
 * Only an `import type` / `export type` declaration counts as type-only: under verbatimModuleSyntax
 * `import { type X }` still loads the module.
 */
import path from 'node:path';

/** Files directly under src/ (main.tsx, a composition root) form this pseudo-layer. */
const ROOT = 'root';

const isRelative = (source) => source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../');

/** 'react' matches react and react/jsx-runtime; '@xyflow/*' and 'node:*' match by prefix. */
const matchesPackage = (source, pattern) =>
  pattern.endsWith('*') ? source.startsWith(pattern.slice(0, -1)) : source === pattern || source.startsWith(`${pattern}/`);

/**
 * The layer a path under src/ belongs to, or null outside src/. A bare 'src/models' is the folder
 * (an import of its index), so a single segment is a layer when the table names it, else a root file.
 */
const layerOf = (srcRoot, file, layers) => {
  const relative = path.relative(srcRoot, file);
  if (relative === '') return ROOT;
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [first, ...rest] = relative.split(path.sep);
  if (rest.length > 0) return first;
  return Object.hasOwn(layers, first) && first !== ROOT ? first : ROOT;
};

const list = (names) => (names.length === 0 ? 'nothing' : names.join(', '));

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each src/ layer imports only the layers and packages ARCHITECTURE.md allows.' },
    schema: [
      {
        type: 'object',
        properties: { layers: { type: 'object' } },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      unknownLayer: 'src/{{layer}} is not in the layer table of eslint.config.js; add it with the layers it may import.',
      layer: "src/{{from}} may not import src/{{to}} ('{{source}}'); it may import {{allowed}}.",
      typeOnlyLayer: "src/{{from}} may import only types from src/{{to}} ('{{source}}'): write `import type`.",
      outside: "'{{source}}' leaves src/; code under src/ imports only src/ and packages.",
      package: "src/{{from}} may not import the package '{{source}}'.",
    },
  },

  create(context) {
    const { layers } = context.options[0];
    const srcRoot = path.join(context.cwd, 'src');
    const from = layerOf(srcRoot, context.filename, {});
    if (from === null) return {};
    const policy = layers[from];
    if (!policy) {
      return { Program: (node) => context.report({ node, messageId: 'unknownLayer', data: { layer: from } }) };
    }

    const checkPackage = (node, source) => {
      const allowedOnly = policy.packagesOnly;
      const banned = allowedOnly
        ? !allowedOnly.some((pattern) => matchesPackage(source, pattern))
        : (policy.bannedPackages ?? []).some((pattern) => matchesPackage(source, pattern));
      if (banned) context.report({ node, messageId: 'package', data: { from, source } });
    };

    const checkLayer = (node, source, typeOnly) => {
      const target = path.resolve(path.dirname(context.filename), source.split('?')[0]);
      const to = layerOf(srcRoot, target, layers);
      if (to === null) return context.report({ node, messageId: 'outside', data: { source } });
      if (to === from || policy.may.includes(to)) return;
      if (!layers[to]) return context.report({ node, messageId: 'unknownLayer', data: { layer: to } });
      if ((policy.typesFrom ?? []).includes(to)) {
        if (!typeOnly) context.report({ node, messageId: 'typeOnlyLayer', data: { from, to, source } });
        return;
      }
      context.report({ node, messageId: 'layer', data: { from, to, source, allowed: list(policy.may) } });
    };

    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return;
      if (isRelative(source)) checkLayer(node, source, typeOnly);
      else checkPackage(node, source);
    };

    const checkDeclaration = (node) => {
      if (!node.source) return;
      check(node.source, node.source.value, node.importKind === 'type' || node.exportKind === 'type');
    };

    return {
      ImportDeclaration: checkDeclaration,
      ExportNamedDeclaration: checkDeclaration,
      ExportAllDeclaration: checkDeclaration,
      ImportExpression: (node) => check(node.source, node.source.value, false),
      // typescript-eslint 8 names the specifier `source`; older versions `argument.literal`.
      TSImportType: (node) => {
        const literal = node.source ?? node.argument.literal;
        check(literal, literal?.value, true);
      },
      'CallExpression[callee.object.meta.name="import"][callee.property.name="glob"]': (node) => {
        const [patterns] = node.arguments;
        const literals = patterns?.type === 'ArrayExpression' ? patterns.elements : [patterns];
        for (const literal of literals) {
          if (literal?.type === 'Literal') check(literal, String(literal.value).replace(/^!/, ''), false);
        }
      },
    };
  },
};

export default { rules: { imports: rule } };
