import { markdownAnchors } from './markdownAnchors';

describe('markdownAnchors', () => {
  it('makes the anchors GitHub and MkDocs make from headings', () => {
    const anchors = markdownAnchors(
      [
        '# payments-api runbook',
        '## Rolling back',
        '### ServiceDown',
        '### `HighErrorRate` (P1)',
        '## Rolling back',
        '```sh',
        '# not a heading',
        '```',
        '<a id="custom-anchor"></a>',
        '## Escalation {#escalate}',
      ].join('\n'),
    );

    expect([...anchors].sort()).toEqual(
      [
        'payments-api-runbook',
        'rolling-back',
        'servicedown',
        'higherrorrate-p1',
        'rolling-back-1',
        'custom-anchor',
        'escalate',
      ].sort(),
    );
  });
});
