import {
  HealthTargetAddresses,
  HostResolver,
  TargetNotAllowedError,
} from './healthTargetAddresses';
import { HostAllowList } from './hostAllowList';

// Answers without DNS; nothing here connects anywhere.
const resolver =
  (answers: Record<string, string[]>): HostResolver =>
  async host =>
    (answers[host] ?? []).map(address => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));

describe('HealthTargetAddresses', () => {
  const addressesOf = (
    url: string,
    answers: Record<string, string[]>,
    allowed = ['*.example.com'],
  ) =>
    new HealthTargetAddresses({
      allowList: new HostAllowList(allowed),
      resolver: resolver(answers),
    }).addressesOf(new URL(url));

  it.each([
    ['127.0.0.1'],
    ['10.1.2.3'],
    ['172.16.0.1'],
    ['192.168.1.1'],
    ['169.254.169.254'],
    ['100.100.100.200'],
    ['0.0.0.0'],
    ['::1'],
    ['fd00::1'],
    ['fe80::1'],
    ['::ffff:169.254.169.254'],
    ['::ffff:a9fe:a9fe'],
    ['::ffff:127.0.0.1'],
    ['64:ff9b::a9fe:a9fe'],
  ])('refuses a name that resolves to %s by default', async address => {
    await expect(
      addressesOf('http://svc.example.com/healthz', {
        'svc.example.com': ['93.184.215.14', address],
      }),
    ).rejects.toThrow(TargetNotAllowedError);
  });

  it('returns the public addresses a permitted name resolves to', async () => {
    expect(
      await addressesOf('https://svc.example.com/healthz', {
        'svc.example.com': [
          '93.184.215.14',
          '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
        ],
      }),
    ).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
  });

  it('allows a denied range only where the operator names it', async () => {
    const answers = { 'db.example.com': ['10.20.1.5'] };
    await expect(
      addressesOf('http://db.example.com/', answers),
    ).rejects.toThrow('resolves to 10.20.1.5');
    expect(
      await addressesOf('http://db.example.com/', answers, [
        '*.example.com',
        '10.20.0.0/16',
      ]),
    ).toEqual([{ address: '10.20.1.5', family: 4 }]);
    // The range covers IP literals in it, but not the rest of 10/8.
    expect(
      await addressesOf('http://10.20.9.9/', {}, ['10.20.0.0/16']),
    ).toEqual([{ address: '10.20.9.9', family: 4 }]);
    await expect(
      addressesOf('http://10.21.0.1/', {}, ['10.20.0.0/16']),
    ).rejects.toThrow('not in devops.health.allowedHosts');
  });

  it('refuses hosts off the allow-list before any lookup', async () => {
    const lookups: string[] = [];
    const addresses = new HealthTargetAddresses({
      allowList: new HostAllowList(['*.example.com']),
      resolver: async host => {
        lookups.push(host);
        return [];
      },
    });
    await expect(
      addresses.addressesOf(new URL('http://169.254.169.254.example.org/')),
    ).rejects.toThrow('not in devops.health.allowedHosts');
    expect(lookups).toEqual([]);
  });
});
