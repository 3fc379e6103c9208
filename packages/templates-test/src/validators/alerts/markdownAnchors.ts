/**
 * The anchors a Markdown page has, as GitHub and MkDocs (TechDocs) make them
 * from headings: lower case, punctuation dropped, spaces to dashes, a
 * repeated heading numbered `-1`, `-2`; plus explicit `id`/`name`
 * attributes and `{#id}` attribute lists.
 */
export function markdownAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      continue;
    }
    for (const m of line.matchAll(/\b(?:id|name)="([^"]+)"/g)) {
      anchors.add(m[1]);
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) {
      continue;
    }
    const explicit = /\{#([^}\s]+)\}\s*$/.exec(heading[1]);
    if (explicit) {
      anchors.add(explicit[1]);
      continue;
    }
    const slug = heading[1]
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
