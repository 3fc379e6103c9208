import { DevopsClient } from './DevopsClient';

function clientAnswering(body: unknown) {
  const urls: string[] = [];
  const client = new DevopsClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backstage.example.com/api/devops',
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  });
  return { client, urls };
}

describe('DevopsClient.getOverview', () => {
  const page = { items: [], totalItems: 0 };

  it('sends the environment filter and the DORA environment as separate parameters', async () => {
    const { client, urls } = clientAnswering(page);

    await expect(
      client.getOverview({
        owner: 'payments',
        environment: 'live',
        doraEnvironment: 'qa',
        limit: 10,
      }),
    ).resolves.toEqual(page);

    const url = new URL(urls[0]);
    expect(url.pathname).toBe('/api/devops/v1/overview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'payments',
      environment: 'live',
      doraEnvironment: 'qa',
      limit: '10',
    });
  });

  it('leaves out what was not asked for', async () => {
    const { client, urls } = clientAnswering(page);

    await client.getOverview();

    expect(urls).toEqual([
      'http://backstage.example.com/api/devops/v1/overview',
    ]);
  });
});

describe('DevopsClient.listDeployments', () => {
  it("sends every filter of the spec's ListDeployments operation", async () => {
    const page = { items: [] };
    const { client, urls } = clientAnswering(page);

    await expect(
      client.listDeployments(
        { kind: 'Component', namespace: 'default', name: 'Payments-API' },
        { environment: 'production', status: 'failed', limit: 5, cursor: 'c1' },
      ),
    ).resolves.toEqual(page);

    const url = new URL(urls[0]);
    expect(url.pathname).toBe(
      '/api/devops/v1/entities/component/default/payments-api/deployments',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      environment: 'production',
      status: 'failed',
      limit: '5',
      cursor: 'c1',
    });
  });
});
