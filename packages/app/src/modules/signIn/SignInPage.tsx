import {
  SignInPage as CoreSignInPage,
  type SignInProviderConfig,
} from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';

const github: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

/**
 * Offers the providers `app.signIn.providers` names: guest for local
 * development (the default), GitHub in production, where the backend has no
 * guest provider to answer.
 */
export function SignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  const providers: Array<'guest' | SignInProviderConfig> = [];
  for (const name of names) {
    if (name === 'github') {
      providers.push(github);
    } else if (name === 'guest') {
      providers.push('guest');
    }
  }
  return <CoreSignInPage {...props} providers={providers} />;
}
