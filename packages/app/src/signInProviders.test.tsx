import { render, screen } from '@testing-library/react';
import App from './App';

// Its own file: the app keeps the config of its first render in a test file.
describe('App sign-in in production', () => {
  it('offers GitHub and no guest sign-in when the config names GitHub', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', signIn: { providers: ['github'] } },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole(
        'button',
        { name: 'Sign In' },
        { timeout: 15000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('GitHub')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
  }, 20_000);
});
