import { renderInTestApp } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import { DevopsErrorPanel } from './DevopsErrorPanel';

async function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: name,
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );
}

describe('DevopsErrorPanel', () => {
  it('says plainly when the permission policy denies access', async () => {
    await renderInTestApp(
      <DevopsErrorPanel
        error={await responseError(
          403,
          'NotAllowedError',
          'You may not read the DevOps data of component:default/payments-api',
        )}
      />,
    );
    expect(
      screen.getByText("You may not see this entity's DevOps data"),
    ).toBeInTheDocument();
  });

  it("shows other failures with the backend's message", async () => {
    await renderInTestApp(
      <DevopsErrorPanel
        error={await responseError(
          503,
          'ServiceUnavailableError',
          'The DevOps database is unavailable, retry later',
        )}
      />,
    );
    expect(
      (await screen.findAllByText(/The DevOps database is unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
