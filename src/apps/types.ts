/** Where a node sits on the canvas (the workspace's NodeLayout). */
export interface TemplateNodeLayout {
  x: number;
  y: number;
  label?: string;
}

/** Metadata a workflow module exports beside its `create()` factory. */
export interface WorkflowMeta {
  title: string;
  description: string;
  /** The state the template starts from, as an `app://` reference; defaults to the app's same-named state file. */
  state?: string;
  /** Node positions by step id; templates without one are laid out left to right. */
  layout?: Record<string, TemplateNodeLayout>;
}

/** A module under `<app>/workflows/` or `<app>/states/`: exports factories (`create` by default). */
export type AppModule = Readonly<Record<string, unknown>>;

/** One application in the canonical layout (steps, workflows, states, runner). */
export interface AppDefinition {
  name: string;
  title: string;
  description: string;
  /** Makes the app's own step models known to the registry. */
  registerSteps(): void;
  workflows: Readonly<Record<string, AppModule>>;
  states: Readonly<Record<string, AppModule>>;
  runners: Readonly<Record<string, AppModule>>;
}
