import { HostAllowList } from './hostAllowList';

describe('HostAllowList', () => {
  it('lets * stand for exactly one label', () => {
    const list = new HostAllowList(['*.example.com', 'payments-*.svc.local']);
    expect(list.allowsHost('api.example.com')).toBe(true);
    expect(list.allowsHost('API.Example.COM.')).toBe(true);
    expect(list.allowsHost('payments-eu.svc.local')).toBe(true);

    expect(list.allowsHost('example.com')).toBe(false);
    expect(list.allowsHost('a.b.example.com')).toBe(false);
    expect(list.allowsHost('169.254.169.254.example.com')).toBe(false);
    expect(list.allowsHost('example.com.attacker.example')).toBe(false);
    expect(list.allowsHost('payments-eu.attacker.svc.local')).toBe(false);
  });

  it('no longer lets an address-like pattern match other names', () => {
    const list = new HostAllowList(['10.20.*']);
    expect(list.allowsHost('10.20.attacker.example')).toBe(false);
    expect(list.allowsHost('10.20.1.2')).toBe(false);
    expect(list.advice[0]).toContain('CIDR range such as 10.20.0.0/16');
  });

  it('allows IP literals by CIDR range or single address', () => {
    const list = new HostAllowList(['10.20.0.0/16', '127.0.0.1', 'fd12::/16']);
    expect(list.allowsHost('10.20.3.4')).toBe(true);
    expect(list.allowsHost('10.21.0.1')).toBe(false);
    expect(list.allowsHost('127.0.0.1')).toBe(true);
    expect(list.allowsHost('127.0.0.2')).toBe(false);
    expect(list.allowsHost('[fd12::1]')).toBe(true);
    expect(list.allowsHost('[::ffff:10.20.0.9]')).toBe(true);
  });

  it('refuses malformed entries at startup', () => {
    expect(() => new HostAllowList(['10.0.0.0/40'])).toThrow(
      'prefix length outside 0-32',
    );
    expect(() => new HostAllowList(['api..example.com'])).toThrow(
      'empty label',
    );
  });
});
