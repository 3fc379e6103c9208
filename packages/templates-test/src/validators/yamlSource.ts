import {
  isCollection,
  LineCounter,
  parseAllDocuments,
  type Document,
} from 'yaml';

/** A YAML file's documents with a way back from nodes to line numbers. */
export interface YamlSource {
  documents: Document.Parsed[];
  /** 1-based line of a character offset in the file. */
  lineOf(offset: number): number;
  /** The text of a 1-based line. */
  lineText(line: number): string;
  /** 1-based line of the deepest node found along a path in a document. */
  lineAt(document: Document.Parsed, path: Array<string | number>): number;
}

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const lines = text.split('\n');
  return {
    lineText: line => lines[line - 1] ?? '',
    documents: Array.isArray(documents) ? documents : [documents],
    lineOf,
    lineAt(document, path) {
      let node: unknown = document.contents;
      let line = lineOf((document.contents as any)?.range?.[0] ?? 0);
      for (const key of path) {
        if (!isCollection(node)) {
          break;
        }
        const next = node.get(key, true) as any;
        if (!next) {
          // A missing key: the parent is as close as the file gets.
          break;
        }
        node = next;
        if (next.range) {
          line = lineOf(next.range[0]);
        }
      }
      return line;
    },
  };
}

/** Splits a JSON pointer (`/spec/steps/0`) into path segments. */
export function pointerToPath(pointer: string): Array<string | number> {
  return pointer
    .split('/')
    .filter(Boolean)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(segment => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export const isYamlFile = (path: string) => /\.ya?ml$/i.test(path);
