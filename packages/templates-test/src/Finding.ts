import type { JsonObject } from '@backstage/types';
import type { RenderedFile } from './render/TemplateRenderer';

/**
 * One problem a validator found in what a template produced.
 *
 * @public
 */
export interface Finding {
  /** Path relative to the rendered workspace (or the template directory). */
  file: string;
  /** 1-based line in `file`, when the tool names one. */
  line?: number;
  /** 1-based column in that line, when the tool names one. */
  column?: number;
  /**
   * The tool and its rule, e.g. `actionlint/expression` or
   * `shellcheck/SC2086`.
   */
  rule: string;
  /** What is wrong, in the tool's words or ours, possibly several lines. */
  message: string;
  /** `error` fails the run (exit code 1); `warning` is only reported. */
  severity: 'error' | 'warning';
}

/**
 * A rendering written to disk so command-line validators can read it.
 *
 * @public
 */
export interface RenderedWorkspace {
  /** Absolute directory holding the files. */
  dir: string;
  /** The files written there, paths relative to `dir`. */
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
