import type { JsonObject } from '@backstage/types';
import type { RenderedFile } from './render/TemplateRenderer';

/** One problem a validator found in what a template produced. */
export interface Finding {
  /** Path relative to the rendered workspace (or the template directory). */
  file: string;
  line?: number;
  column?: number;
  /** The tool and its rule, e.g. `actionlint/expression` or `shellcheck/SC2086`. */
  rule: string;
  message: string;
  severity: 'error' | 'warning';
}

/** A rendering written to disk so command-line validators can read it. */
export interface RenderedWorkspace {
  /** Absolute directory holding the files. */
  dir: string;
  files: RenderedFile[];
  /**
   * The template entity that rendered them, for rules about what the
   * template does besides writing files (creating a GitHub environment).
   */
  template?: JsonObject;
}

/** Checks a rendered workspace and returns what it found. */
export type WorkspaceValidator = (
  workspace: RenderedWorkspace,
) => Promise<Finding[]>;
