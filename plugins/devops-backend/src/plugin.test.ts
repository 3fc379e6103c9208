import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { devopsPlugin } from './plugin';

describe('devopsPlugin', () => {
  it('serves the default environments in promotion order', async () => {
    const { server } = await startTestBackend({ features: [devopsPlugin] });

    const res = await request(server).get('/api/devops/v1/environments');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      environments: ['development', 'staging', 'production'],
    });
  });

  it('serves the environments from config', async () => {
    const { server } = await startTestBackend({
      features: [
        devopsPlugin,
        mockServices.rootConfig.factory({
          data: { devops: { environments: ['qa', 'live'] } },
        }),
      ],
    });

    const res = await request(server).get('/api/devops/v1/environments');

    expect(res.body).toEqual({ environments: ['qa', 'live'] });
  });

  it('refuses callers without credentials', async () => {
    const { server } = await startTestBackend({ features: [devopsPlugin] });

    const res = await request(server)
      .get('/api/devops/v1/environments')
      .set('authorization', 'Bearer not-a-token');

    expect(res.status).toBe(401);
  });
});
