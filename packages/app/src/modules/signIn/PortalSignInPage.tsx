import {
  ComponentType,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { coreApis, IdentityApi, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  DEMO_USER_HEADER,
  DemoUser,
  forgetChoice,
  loadChoice,
  readDemoUsers,
  rememberChoice,
  SignInChoice,
} from './demoUsers';
import {
  readSignInOptions,
  SignInOptions,
  SignInProviderId,
} from './signInProviders';
import { OidcSignInState, useOidcSignIn } from './useOidcSignIn';

/**
 * The portal's sign-in page, offering what `app.signIn.providers` lists: the company's identity
 * provider (`oidc`, a popup to its login page), the demo users of `app.demoUsers` (the backend's
 * `demo` auth provider, with the user's groups from the catalog) and the guest. In production
 * only the identity provider is offered (app-config.production.yaml).
 *
 * The choice is remembered, so a reload signs the same person in again; signing out forgets
 * it and shows the choices, so a consumer and a dataset owner can take turns in one browser.
 */
export function PortalSignInPage({ onSignInSuccess }: SignInPageProps) {
  const config = useApi(coreApis.config);
  const options = useMemo(() => readSignInOptions(config), [config]);
  const users = useMemo(
    () => (options.providers.includes('demo') ? readDemoUsers(config) : []),
    [config, options],
  );
  const [choice, setChoice] = useState(() =>
    loadChoice(users, options.providers),
  );
  const appTitle = config.getOptionalString('app.title') ?? 'Backstage';

  const chooseAgain = useCallback(() => {
    forgetChoice();
    setChoice(undefined);
  }, []);

  const signedIn = useCallback(
    (signedInChoice: SignInChoice, identity: IdentityApi) => {
      rememberChoice(signedInChoice);
      onSignInSuccess(forgetChoiceOnSignOut(identity));
    },
    [onSignInSuccess],
  );
  const oidc = useOidcSignIn(
    options.oidc.authProvider,
    useCallback(
      identity => signedIn({ provider: 'oidc' }, identity),
      [signedIn],
    ),
  );

  // A remembered identity provider sign-in: pick up the session if it is still there (no
  // popup without a click), otherwise offer the choices again.
  const restoring = useRef(false);
  const { signIn: oidcSignIn } = oidc;
  useEffect(() => {
    if (choice?.provider !== 'oidc' || restoring.current) return;
    restoring.current = true;
    oidcSignIn({ popup: false }).then(ok => {
      if (!ok) chooseAgain();
    });
  }, [choice, oidcSignIn, chooseAgain]);

  if (choice?.provider === 'oidc') {
    return <Progress />;
  }
  if (!choice) {
    return (
      <SignInChoices
        appTitle={appTitle}
        options={options}
        users={users}
        oidc={oidc}
        onChoose={setChoice}
      />
    );
  }
  return (
    <SignInAs
      // A new choice is a new sign-in attempt.
      key={choice.provider === 'demo' ? choice.user.name : 'guest'}
      appTitle={appTitle}
      choice={choice}
      onSignInSuccess={identity => signedIn(choice, identity)}
      onChooseAgain={chooseAgain}
    />
  );
}

/** Signing out also forgets who was chosen, so the next visit asks again. */
function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetChoice();
      await identity.signOut();
    },
  };
}

/**
 * Signs in through the auth backend exactly like Backstage's proxied sign-in: `GET
 * /api/auth/<provider>/refresh` issues the Backstage token, and is called again whenever the
 * token is about to expire.
 */
function SignInAs({
  appTitle,
  choice,
  onSignInSuccess,
  onChooseAgain,
}: {
  appTitle: string;
  choice: Exclude<SignInChoice, { provider: 'oidc' }>;
  onSignInSuccess: (identity: IdentityApi) => void;
  onChooseAgain: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const who = choice.provider === 'demo' ? choice.user.title : 'a guest';

  // A stable component type: ProxiedSignInPage renders it when the backend refuses the sign-in
  // (e.g. on a first start the catalog has not read the demo users yet, or the provider is
  // disabled). The reason and both ways out are shown, not folded away.
  const ErrorComponent: ComponentType<{ error?: Error }> = useMemo(
    () =>
      function SignInError({ error }: { error?: Error }) {
        return (
          <Page themeId="home">
            <Header title={appTitle} />
            <Content>
              <ContentHeader title={`Could not sign in as ${who}`} />
              <Typography role="alert" variant="body1" paragraph>
                {reasonOf(error)}
              </Typography>
              <Button
                variant="contained"
                color="primary"
                onClick={() => setAttempt(n => n + 1)}
              >
                Try again
              </Button>{' '}
              <Button variant="outlined" onClick={onChooseAgain}>
                Choose another user
              </Button>
            </Content>
          </Page>
        );
      },
    [appTitle, who, onChooseAgain],
  );

  return (
    <ProxiedSignInPage
      key={attempt}
      provider={choice.provider}
      headers={
        choice.provider === 'demo'
          ? { [DEMO_USER_HEADER]: choice.user.name }
          : undefined
      }
      onSignInSuccess={onSignInSuccess}
      ErrorComponent={ErrorComponent}
    />
  );
}

/**
 * The backend's reason: a failed refresh is a ResponseError whose own message only has the
 * status; the auth backend's message ("Unknown demo user ...") is its cause.
 */
function reasonOf(error?: Error): string {
  if (!error) return 'Unknown error';
  const cause = error.cause as { message?: unknown } | undefined;
  return typeof cause?.message === 'string' && cause.message
    ? `${cause.message} (${error.message.trim()})`
    : error.message;
}

function SignInChoices({
  appTitle,
  options,
  users,
  oidc,
  onChoose,
}: {
  appTitle: string;
  options: SignInOptions;
  users: DemoUser[];
  oidc: OidcSignInState;
  onChoose: (choice: Exclude<SignInChoice, { provider: 'oidc' }>) => void;
}) {
  const offers = (id: SignInProviderId) => options.providers.includes(id);
  const demo = offers('demo') || offers('guest');
  return (
    <Page themeId="home">
      <Header title={appTitle} />
      <Content>
        {offers('oidc') && (
          <>
            <ContentHeader title="Sign in" />
            {oidc.error && (
              <Typography role="alert" variant="body1" color="error" paragraph>
                Could not sign in with your company account:{' '}
                {oidc.error.message}
              </Typography>
            )}
            <Grid
              container
              spacing={2}
              component="ul"
              aria-label="Identity provider"
              style={{ listStyle: 'none', padding: 0 }}
            >
              <ChoiceCard
                id="sign-in-oidc"
                title={options.oidc.title}
                description={options.oidc.description}
                action="Sign in with company account"
                disabled={oidc.pending}
                // The popup opens from the click itself, so that browsers let it open.
                onClick={() => oidc.signIn({ popup: true })}
              />
            </Grid>
          </>
        )}
        {demo && (
          <>
            <ContentHeader title="Sign in as a demo user" />
            <Typography variant="body1" paragraph>
              The local demo has no identity provider: choose who you are.
              Consumers request access to datasets for their use cases; dataset
              owners decide. Sign out (Settings) to switch users.
            </Typography>
            <Grid
              container
              spacing={2}
              component="ul"
              aria-label="Demo users"
              style={{ listStyle: 'none', padding: 0 }}
            >
              {users.map(user => (
                <ChoiceCard
                  key={user.name}
                  id={`demo-user-${user.name}`}
                  title={user.title}
                  subheader={user.name}
                  description={user.description}
                  action={`Sign in as ${user.title}`}
                  onClick={() => onChoose({ provider: 'demo', user })}
                />
              ))}
              {offers('guest') && (
                <ChoiceCard
                  id="demo-user-guest"
                  title="Guest"
                  description="Browse the portal without a user of the catalog: you own nothing and belong to no team."
                  action="Enter as guest"
                  onClick={() => onChoose({ provider: 'guest' })}
                />
              )}
            </Grid>
          </>
        )}
      </Content>
    </Page>
  );
}

function ChoiceCard(props: {
  id: string;
  title: string;
  subheader?: string;
  description?: string;
  action: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  const descriptionId = `${props.id}-description`;
  return (
    <Grid item component="li" xs={12} sm={6} md={4} lg={3}>
      <InfoCard
        title={props.title}
        subheader={props.subheader}
        variant="fullHeight"
        actions={
          <Button
            color="primary"
            variant="outlined"
            disabled={props.disabled}
            onClick={props.onClick}
            // The button says who; its description says what that user is in the demo.
            aria-describedby={props.description ? descriptionId : undefined}
          >
            {props.action}
          </Button>
        }
      >
        {props.description && (
          <Typography variant="body2" id={descriptionId}>
            {props.description}
          </Typography>
        )}
      </InfoCard>
    </Grid>
  );
}
