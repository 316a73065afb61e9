import { ReferenceError, Workflow, type StateLike } from '../engine';
import { APPS } from './catalog';
import type { AppDefinition, AppModule } from './types';

type AppRefKind = 'workflows' | 'states';

export interface AppRef {
  app: string;
  kind: AppRefKind;
  file: string;
  /** The exported factory; `create` when the reference has no `#<export>`. */
  exportName: string;
}

const APP_REF = /^app:\/\/([^/#?]+)\/([^/#?]+)\/([^/#?]+)(?:#([^#]*))?$/i;

/** Splits `app://<name>/(workflows|states)/<file>[#<export>]`, or throws a ReferenceError saying what is wrong. */
export function parseAppRef(ref: string): AppRef {
  const match = APP_REF.exec(ref.trim());
  if (!match)
    throw new ReferenceError(ref, 'an app reference looks like app://<app>/workflows/<file> or app://<app>/states/<file>, optionally followed by #<export>');
  const [, app, kind, file, exportName] = match as unknown as [string, string, string, string, string | undefined];
  if (kind !== 'workflows' && kind !== 'states') {
    throw new ReferenceError(ref, `"${kind}" is not a folder that references can name; use "workflows" or "states"`);
  }
  if (exportName === '') throw new ReferenceError(ref, 'the "#" must be followed by the name of an export');
  return { app, kind, file, exportName: exportName ?? 'create' };
}

function findApp(ref: string, name: string, apps: Readonly<Record<string, AppDefinition>>): AppDefinition {
  const app = apps[name];
  if (!app) throw new ReferenceError(ref, `there is no application "${name}" (applications: ${Object.keys(apps).join(', ') || 'none'})`);
  return app;
}

function findModule(ref: string, app: AppDefinition, parsed: AppRef): AppModule {
  const modules = app[parsed.kind];
  const module = modules[parsed.file];
  if (!module) {
    throw new ReferenceError(
      ref,
      `application "${app.name}" has no ${parsed.kind} file "${parsed.file}" (it has: ${Object.keys(modules).join(', ') || 'none'})`,
    );
  }
  return module;
}

function findFactory(ref: string, module: AppModule, parsed: AppRef): () => unknown {
  const factory = module[parsed.exportName];
  const factories = Object.keys(module).filter((name) => typeof module[name] === 'function');
  if (factory === undefined) {
    throw new ReferenceError(ref, `${parsed.kind}/${parsed.file} has no export "${parsed.exportName}" (factories: ${factories.join(', ') || 'none'})`);
  }
  if (typeof factory !== 'function') {
    throw new ReferenceError(
      ref,
      `export "${parsed.exportName}" of ${parsed.kind}/${parsed.file} is not a factory function, so it cannot give a fresh instance`,
    );
  }
  return factory as () => unknown;
}

function isStateLike(value: unknown): value is StateLike {
  const candidate = value as StateLike | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.extract === 'function' && typeof candidate.post === 'function';
}

function checkKind(ref: string, kind: AppRefKind, value: unknown): unknown {
  if (kind === 'workflows' && !(value instanceof Workflow)) throw new ReferenceError(ref, 'the factory did not return a Workflow');
  if (kind === 'states' && !isStateLike(value)) throw new ReferenceError(ref, 'the factory did not return a State');
  return value;
}

/**
 * Resolves an `app://` reference to a fresh instance by calling the named factory of the
 * application module. Returns a promise only when the factory does (e.g. a SqliteState).
 *
 * @example resolveAppRef('app://arithmetic/states/xyk#mutable') // a new mutable State {x, y, k}
 */
export function resolveAppRef(ref: string, apps: Readonly<Record<string, AppDefinition>> = APPS): unknown {
  const parsed = parseAppRef(ref);
  const app = findApp(ref, parsed.app, apps);
  app.registerSteps();
  const factory = findFactory(ref, findModule(ref, app, parsed), parsed);
  const value = factory();
  return value instanceof Promise ? value.then((resolved: unknown) => checkKind(ref, parsed.kind, resolved)) : checkKind(ref, parsed.kind, value);
}

/** Every `app://` reference the applications offer, for pickers. */
export function listAppRefs(apps: Readonly<Record<string, AppDefinition>> = APPS): { workflows: string[]; states: string[] } {
  const refs = { workflows: [] as string[], states: [] as string[] };
  for (const app of Object.values(apps)) {
    for (const kind of ['workflows', 'states'] as const) {
      for (const [file, module] of Object.entries(app[kind])) {
        for (const [name, value] of Object.entries(module)) {
          if (typeof value !== 'function') continue;
          refs[kind].push(name === 'create' ? `app://${app.name}/${kind}/${file}` : `app://${app.name}/${kind}/${file}#${name}`);
        }
      }
    }
  }
  return refs;
}
