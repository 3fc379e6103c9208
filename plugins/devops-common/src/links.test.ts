import { isHttpUrl } from './links';

describe('isHttpUrl', () => {
  it.each([
    'https://runbooks.example.com/payments#high-latency',
    'http://localhost:9093/#/alerts',
    'HTTPS://EXAMPLE.COM/',
  ])('accepts %s', url => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each([
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    // eslint-disable-next-line no-script-url
    'JavaScript:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    '',
    undefined,
  ])('refuses %p', url => {
    expect(isHttpUrl(url)).toBe(false);
  });
});
