import type { Finding, RenderedWorkspace } from '../../Finding';
import { readAlertFiles } from './alertRuleFiles';
import { markdownAnchors } from './markdownAnchors';

// `https://github.com/o/r/blob/main/docs/index.md`, GitLab's `/-/blob/`.
const REPOSITORY_FILE = /^https?:\/\/[^/]+\/.+?\/(?:-\/)?blob\/[^/]+\/([^#?]+)/;

/**
 * Every alert's `runbook_url` lands on a section of the rendered runbook:
 * the page it names is in the rendering and has the anchor it points at.
 * A link to a page outside the repository cannot be checked and is a
 * warning.
 */
export async function validateRunbookAnchors(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const { rules } = readAlertFiles(workspace);
  const pages = new Map(
    workspace.files.map(f => [f.path, f.content.toString('utf8')]),
  );
  const findings: Finding[] = [];
  for (const rule of rules) {
    const url = rule.annotations.runbook_url;
    const at = { file: rule.file, line: rule.line };
    if (!url) {
      findings.push({
        ...at,
        rule: 'runbook/no-link',
        message: `Alert ${rule.alert} has no runbook_url annotation, so whoever it wakes has no page to start from.`,
        severity: 'error',
      });
      continue;
    }
    const page = REPOSITORY_FILE.exec(url)?.[1];
    if (!page) {
      findings.push({
        ...at,
        rule: 'runbook/external',
        message: `The runbook_url of ${rule.alert} (${url}) is not a file of this repository, so its anchor was not checked.`,
        severity: 'warning',
      });
      continue;
    }
    const markdown = pages.get(decodeURIComponent(page));
    if (markdown === undefined) {
      findings.push({
        ...at,
        rule: 'runbook/missing-page',
        message: `The runbook_url of ${rule.alert} names ${page}, which the rendering does not contain.`,
        severity: 'error',
      });
      continue;
    }
    const anchor = decodeURIComponent(new URL(url).hash.slice(1));
    if (!anchor) {
      findings.push({
        ...at,
        rule: 'runbook/no-anchor',
        message: `The runbook_url of ${rule.alert} points at the top of ${page}, not at the section for this alert.`,
        severity: 'error',
      });
    } else if (!markdownAnchors(markdown).has(anchor)) {
      findings.push({
        ...at,
        rule: 'runbook/missing-anchor',
        message: `The runbook_url of ${rule.alert} points at #${anchor}, which ${page} does not have: add a section headed so its anchor is ${anchor}.`,
        severity: 'error',
      });
    }
  }
  return findings;
}
